/**
 * The providers this server runs: the built-in rules always, and the HTTP (slant-suggest/1) and
 * chat-completion providers when the site configures them in the environment (lib/env.ts
 * SUGGEST_*; validated when the server starts). Never configured by a project manager: a provider
 * address makes the server call into the lab's network.
 */
import { env, type SuggestConfig } from "@/lib/env";
import { createChatProvider } from "./chat-provider";
import { createHttpProvider } from "./http-provider";
import type { SuggestionProvider } from "./provider";
import { rulesProvider } from "./rules-provider";

export const HTTP_PROVIDER_ID = "http";
export const CHAT_PROVIDER_ID = "chat";

/** The providers a configuration enables, the built-in rules first. */
export function providersFromConfig(config: SuggestConfig): SuggestionProvider[] {
  const limits = { timeoutMs: config.timeoutMs, maxBytes: config.maxBytes };
  return [
    rulesProvider,
    ...(config.http ? [createHttpProvider({ id: HTTP_PROVIDER_ID, ...config.http, ...limits })] : []),
    ...(config.chat ? [createChatProvider({ id: CHAT_PROVIDER_ID, ...config.chat, ...limits })] : []),
  ];
}

const state = globalThis as unknown as {
  __slantSuggestionProviders?: SuggestionProvider[];
  __slantConfiguredProviders?: SuggestionProvider[];
};

export function enabledProviders(): SuggestionProvider[] {
  return state.__slantSuggestionProviders ?? (state.__slantConfiguredProviders ??= providersFromConfig(env().suggest));
}

/** Tests replace the providers (e.g. one that throws) for this process. */
export function setProvidersForTests(providers: SuggestionProvider[] | undefined) {
  state.__slantSuggestionProviders = providers;
}
