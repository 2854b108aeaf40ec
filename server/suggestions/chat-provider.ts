/**
 * A provider backed by an OpenAI-compatible chat-completions endpoint (SUGGEST_CHAT_URL,
 * SUGGEST_CHAT_MODEL): the prompt and the strict reading of the answer are lib/suggest/chat.ts;
 * the request goes through the HTTP provider's postJson (the job runner's timeout, the byte limit
 * while reading, errors naming the endpoint). Runs in the background like every provider.
 */
import { chatCompletionRequest, readChatCompletion } from "@/lib/suggest/chat";
import { postJson } from "./http-provider";
import type { SuggestionProvider } from "./provider";

export interface ChatProviderConfig {
  /** Stored with each suggestion: "chat". */
  id: string;
  /** The API's base address (…/v1); requests go to `${url}/chat/completions`. */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  maxBytes: number;
}

export function createChatProvider(config: ChatProviderConfig): SuggestionProvider {
  const endpoint = {
    id: config.id,
    url: `${config.url.replace(/\/$/, "")}/chat/completions`,
    apiKey: config.apiKey,
    maxBytes: config.maxBytes,
  };
  return {
    id: config.id,
    timeoutMs: config.timeoutMs,
    async suggest(request, signal) {
      const body = await postJson(endpoint, chatCompletionRequest(config.model, request), signal);
      return readChatCompletion(request, body, `chat:${config.model}`.slice(0, 200));
    },
  };
}
