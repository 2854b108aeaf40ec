/**
 * The providers this server runs. The built-in rules always; HTTP and chat-completion providers are
 * configured by the site (environment or a site admin's setting), never by a project manager.
 */
import type { SuggestionProvider } from "./provider";
import { rulesProvider } from "./rules-provider";

const override = globalThis as unknown as { __slantSuggestionProviders?: SuggestionProvider[] };

export function enabledProviders(): SuggestionProvider[] {
  return override.__slantSuggestionProviders ?? [rulesProvider];
}

/** Tests replace the providers (e.g. one that throws) for this process. */
export function setProvidersForTests(providers: SuggestionProvider[] | undefined) {
  override.__slantSuggestionProviders = providers;
}
