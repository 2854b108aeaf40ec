/**
 * Ghost values: the machine's suggestions shown in the workspace beside the annotator's own labels.
 * A ghost is never a label: completeness reads only the annotator's values, and only `y` (or
 * choosing the same value) turns a ghost into a label, written through the ordinary save path with
 * the suggestion's id as its provenance.
 */
import { annotationKey } from "@/lib/schema/helpers";

export interface Ghost {
  id: string;
  segmentId: string;
  dimension: string;
  target: string | null;
  value: unknown;
  confidence: number;
  provider: string;
  rule: string;
  /** Offsets relative to the segment's start. */
  evidence: { quotes?: [number, number][]; cue?: [number, number] } | null;
}

/** A sentence's ghosts keyed by `annotationKey(dimension, target)`. */
export type SentenceGhosts = ReadonlyMap<string, Ghost>;

/**
 * Per sentence, the ghost of each dimension and target: the most confident suggestion when several
 * providers suggest one (the first on a tie, so the order given decides, not chance).
 */
export function ghostsBySentence(suggestions: readonly Ghost[]): Map<string, Map<string, Ghost>> {
  const out = new Map<string, Map<string, Ghost>>();
  for (const s of suggestions) {
    let m = out.get(s.segmentId);
    if (!m) out.set(s.segmentId, (m = new Map()));
    const key = annotationKey(s.dimension, s.target);
    const prev = m.get(key);
    if (!prev || s.confidence > prev.confidence) m.set(key, s);
  }
  return out;
}

/** Stored values are normalised JSON (sorted lists, canonical spans): equal values serialise equally. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * What `y` accepts: the ghosts whose dimension and target the annotator has left empty. A value the
 * annotator chose is theirs and is never replaced by a suggestion.
 */
export function acceptableGhosts(ghosts: SentenceGhosts, current: (dimension: string, target: string | null) => unknown): Ghost[] {
  return [...ghosts.values()].filter((g) => isEmpty(current(g.dimension, g.target)));
}

/**
 * The suggestion a label comes from: the ghost shown for its dimension and target when the value is
 * that ghost's value (accepted with `y` or chosen by hand), otherwise none.
 */
export function provenance(ghosts: SentenceGhosts | undefined, dimension: string, target: string | null, value: unknown): string | null {
  const g = ghosts?.get(annotationKey(dimension, target));
  return g && !isEmpty(value) && sameValue(g.value, value) ? g.id : null;
}

export interface Evidence {
  /** Quoted words, in document offsets, sorted and without duplicates. */
  quotes: { start: number; end: number }[];
  /** The attribution cue, in document offsets. */
  cue: { start: number; end: number } | null;
}

/** The evidence the sentence's ghosts carry (quotes and cue), moved from segment to document offsets. */
export function sentenceEvidence(ghosts: SentenceGhosts | undefined, segmentStart: number): Evidence {
  const quotes = new Map<string, { start: number; end: number }>();
  let cue: Evidence["cue"] = null;
  for (const g of ghosts?.values() ?? []) {
    for (const [a, b] of g.evidence?.quotes ?? []) quotes.set(`${a}-${b}`, { start: segmentStart + a, end: segmentStart + b });
    if (!cue && g.evidence?.cue) cue = { start: segmentStart + g.evidence.cue[0], end: segmentStart + g.evidence.cue[1] };
  }
  return { quotes: [...quotes.values()].sort((x, y) => x.start - y.start || x.end - y.end), cue };
}

/** "rules · quote_after_cue · 92%": where a ghost comes from and how sure it is. */
export function ghostSource(g: Pick<Ghost, "provider" | "rule" | "confidence">): string {
  return `${g.provider} · ${g.rule} · ${Math.round(g.confidence * 100)}%`;
}
