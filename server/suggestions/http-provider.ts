/**
 * A provider reached over HTTP: POSTs the document in the slant-suggest/1 protocol
 * (lib/suggest/protocol.ts) and accepts the reply only when it follows the protocol entirely.
 * The reply is handed to the job runner as it came (checked there, by checkReply, like every
 * provider's). Every failure is an Error whose message says what went wrong (status, timeout, size,
 * not JSON); the job runner records it on the run for the project's managers.
 */
import { PROTOCOL_VERSION, ProviderReplyError, type ProviderRequest } from "@/lib/suggest/protocol";
import type { SuggestionProvider, SuggestionRequest } from "./provider";

export interface HttpProviderConfig {
  /** Stored with each suggestion: "http". */
  id: string;
  url: string;
  apiKey?: string;
  /** The job runner aborts the request after this long. */
  timeoutMs: number;
  maxBytes: number;
}

export function toProtocolRequest(request: SuggestionRequest): ProviderRequest {
  return { protocol: PROTOCOL_VERSION, ...request };
}

export function createHttpProvider(config: HttpProviderConfig): SuggestionProvider {
  return {
    id: config.id,
    timeoutMs: config.timeoutMs,
    suggest: (request, signal) => postJson(config, toProtocolRequest(request), signal),
  };
}

/**
 * POSTs `payload` as JSON and returns the parsed JSON reply. Gives up when `signal` fires (the job
 * runner's timeout, which reports itself); reads at most `maxBytes` of the body (the stream is
 * cancelled beyond that, so an endless reply costs nothing more).
 */
export async function postJson(
  config: Pick<HttpProviderConfig, "id" | "url" | "apiKey" | "maxBytes">,
  payload: unknown,
  signal: AbortSignal,
): Promise<unknown> {
  const who = `provider "${config.id}" (${safeUrl(config.url)})`;
  try {
    const res = await fetch(config.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify(payload),
      signal,
      redirect: "error",
    });
    const text = await readLimited(res, config.maxBytes, who);
    if (res.status !== 200) {
      throw new ProviderReplyError(`${who} answered ${res.status} ${res.statusText}: ${text.slice(0, 200) || "(empty body)"}`);
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ProviderReplyError(`${who} sent a reply that is not JSON: ${(e as Error).message}`);
    }
  } catch (e) {
    if (signal.aborted) throw new Error(`${who}: request cancelled`, { cause: e });
    if (e instanceof ProviderReplyError) throw e;
    throw new Error(`${who} could not be reached: ${(e as Error).message}`, { cause: e });
  }
}

/** The body as text, refusing it as soon as more than `maxBytes` have arrived. */
async function readLimited(res: Response, maxBytes: number, who: string): Promise<string> {
  const declared = Number(res.headers.get("content-length"));
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new ProviderReplyError(`${who} sent a reply of ${declared} bytes; the limit is ${maxBytes}`);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ProviderReplyError(`${who} sent more than ${maxBytes} bytes; the limit is ${maxBytes}`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The address without credentials or query (which may hold a key), for error messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid address)";
  }
}
