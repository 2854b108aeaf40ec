/**
 * What a suggestion provider is: the built-in rules (server/suggestions/rules-provider.ts), an HTTP
 * service (http-provider.ts) or an OpenAI-compatible chat endpoint (chat-provider.ts) all implement
 * `SuggestionProvider`. The job runner (server/suggestions/jobs.ts) calls `suggest` off the request
 * path with an AbortSignal that fires on the provider's timeout, checks the reply with the protocol's
 * one check (lib/suggest/protocol.ts checkReply: unknown sentence, dimension or value, span out of
 * range → the whole reply is rejected and the run fails with the reason), and stores the reply only
 * when it passes; only the in-process rules, which run that same check themselves, skip it
 * (`suggestChecked`). A provider never writes to the database itself.
 */
import type { LabelSchema } from "@/lib/schema/schema";
import type { SegmentKind } from "@/lib/segment/kinds";
import type { CheckedSuggestion } from "@/lib/suggest/protocol";

export interface ProviderTarget {
  /** The stable key labels use (a `target_choice` or `per_target` value). */
  key: string;
  name: string;
}

export interface ProviderSegment {
  id: string;
  index: number;
  /** [start, end) in UTF-16 code units into `document.text`. */
  start: number;
  end: number;
  text: string;
  /** null for segments imported before kinds were stored and not derivable from what was stored. */
  kind: SegmentKind | null;
}

export interface SuggestionRequest {
  project: { targets: ProviderTarget[]; schema: LabelSchema; guidelines: string };
  document: { id: string; text: string };
  segments: ProviderSegment[];
}

export interface ProviderSuggestion {
  segmentId: string;
  /** A dimension id of the project's label schema. */
  dimension: string;
  /** A target key for per_target dimensions, otherwise null. */
  target: string | null;
  /** A value as the annotation layer stores it for that dimension (a value id, string[] for multi, text for text). */
  value: unknown;
  /** In [0, 1]. */
  confidence: number;
  /** The rule or model that produced it, e.g. "quote", "cue_before:say", "ollama:llama3.1". */
  rule: string;
  /** Evidence shown in the sentence, offsets [start, end) in UTF-16 code units relative to the segment start. */
  evidence?: { quotes?: [number, number][]; cue?: [number, number] };
}

export interface SuggestionProvider {
  /** Stored with each suggestion and run: "rules", "http", "chat". */
  id: string;
  /** How long the job runner waits for one document before it aborts `signal` and fails the run. */
  timeoutMs?: number;
  /**
   * A reply in the slant-suggest/1 shape (`{ suggestions: [...] }`), as the provider gave it: the
   * job runner checks it (checkReply) before anything is stored, so untrusted output stays `unknown`.
   */
  suggest(request: SuggestionRequest, signal: AbortSignal): Promise<unknown>;
  /**
   * In-process providers only (the built-in rules): suggestions already checked against the
   * request with the protocol's own check (suggestionProblems), which the job runner stores as
   * they are. Checking them a second time cost as much as storing them (bench/README.md).
   */
  suggestChecked?(request: SuggestionRequest): CheckedSuggestion[];
}
