import type { Unit } from "./types";

/** A token of the text, as character offsets [start, end) (end > start). */
export interface TokenBoundary {
  start: number;
  end: number;
  /** id of the sentence holding the token; needed only when coders annotated some sentences only */
  sentence?: string;
}

/** A span a coder marked with the label under study, as character offsets [start, end). */
export interface CharSpan {
  start: number;
  end: number;
}

export interface CoderSpans {
  coder: string;
  /** this coder's spans for the one span label */
  spans: readonly CharSpan[];
  /**
   * Sentences this coder annotated (submitted, whether or not they marked spans there).
   * Tokens of other sentences — and tokens without a `sentence` id — are missing for this
   * coder. Omit it when the coder annotated the whole text.
   */
  sentences?: Iterable<string>;
}

export type SpanValue = "in" | "out";

/**
 * Token-level reliability data for one span label: one unit per token (id `${idPrefix}${i}`,
 * i = token index), whose value for a coder is "in" when the token overlaps one of the
 * coder's spans by at least one character and "out" otherwise. Coders who did not annotate
 * the token's sentence have no value (missing). Feed the result to krippendorffAlpha
 * (nominal) or agreementReport.
 */
export function spanUnitsFromTokens(
  tokens: readonly TokenBoundary[],
  coders: readonly CoderSpans[],
  opts: { idPrefix?: string } = {},
): Unit<SpanValue>[] {
  const prefix = opts.idPrefix ?? "t";
  tokens.forEach((t, i) => {
    if (!(Number.isFinite(t.start) && Number.isFinite(t.end) && t.end > t.start)) {
      throw new RangeError(`agreement: token ${i} has invalid boundaries [${t.start}, ${t.end})`);
    }
  });
  if (new Set(coders.map((c) => c.coder)).size !== coders.length) {
    throw new RangeError("agreement: a coder appears twice in spanUnitsFromTokens");
  }
  const units: Unit<SpanValue>[] = tokens.map((_, i) => ({ id: `${prefix}${i}`, values: new Map<string, SpanValue>() }));
  for (const c of coders) {
    const annotated = c.sentences === undefined ? null : new Set(c.sentences);
    const spans = [...c.spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    // maxEnd[i] = max end of spans[0..i], so a binary search finds the overlapping spans
    const maxEnd: number[] = [];
    for (const s of spans) maxEnd.push(Math.max(s.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
    tokens.forEach((t, i) => {
      if (annotated && (t.sentence === undefined || !annotated.has(t.sentence))) return;
      // last span starting before the token's end
      let lo = 0;
      let hi = spans.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (spans[mid]!.start < t.end) lo = mid + 1;
        else hi = mid;
      }
      const inside = lo > 0 && maxEnd[lo - 1]! > t.start;
      (units[i]!.values as Map<string, SpanValue>).set(c.coder, inside ? "in" : "out");
    });
  }
  return units;
}
