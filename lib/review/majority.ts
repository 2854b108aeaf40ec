/**
 * Comparing the annotators of one sentence for review: a disagreement flag and the majority vote
 * per (dimension, target). Pure functions over stored (normalised) values; no framework.
 *
 * Only confirmed annotators take part. For a confirmed annotator an absent value is an answer:
 * "none" for a per-target stance, "no value" for the other dimensions (both are `null` here).
 */
import type { LabelSchema } from "@/lib/schema/schema";
import { dimensionKeys } from "@/lib/schema/helpers";
import type { StoredSpan } from "@/lib/schema/types";

/** JSON with object keys sorted, so values read back from either database compare equal. */
export function canonical(v: unknown): string {
  if (v === undefined || v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

export interface Majority {
  /** The winning value (null = none / no value); null also when tied, see `tie`. */
  value: unknown;
  /** Votes for the winner (or for each tied value). */
  votes: number;
  /** Annotators who voted. */
  of: number;
  /** True when two or more values share the most votes: there is no winner. */
  tie: boolean;
  /**
   * Spans only: the words marked by more than half (`sure`, also on a tie) and the runs of words
   * marked by exactly half (`tied`), joined per label, for the reviewer to resolve a tie word by word.
   */
  spans?: { sure: StoredSpan[]; tied: StoredSpan[] };
}

/** Plurality vote; a shared top count is a tie with no winner. Null when nobody voted. */
export function majorityVote(values: readonly unknown[]): Majority | null {
  if (values.length === 0) return null;
  const counts = new Map<string, { value: unknown; n: number }>();
  for (const v of values) {
    const k = canonical(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { value: v ?? null, n: 1 });
  }
  const sorted = [...counts.values()].sort((a, b) => b.n - a.n);
  const top = sorted[0]!;
  const tie = sorted.length > 1 && sorted[1]!.n === top.n;
  return { value: tie ? null : top.value, votes: top.n, of: values.length, tie };
}

/**
 * Token-level majority for spans: a word is in the majority's span of a label when more than
 * half of the annotators marked it with that label; exactly half is a tie (no winner). Adjacent
 * majority words are joined into one span.
 */
export function spanMajority(
  spansByCoder: readonly (readonly StoredSpan[])[],
  words: readonly { start: number; end: number }[],
  labels: readonly string[],
): Majority | null {
  const n = spansByCoder.length;
  if (n === 0) return null;
  const sure: StoredSpan[] = [];
  const tied: StoredSpan[] = [];
  for (const label of labels) {
    let open = null as { into: StoredSpan[]; span: StoredSpan } | null;
    for (const w of words) {
      const marked = spansByCoder.filter((spans) => spans.some((s) => s.label === label && s.start < w.end && s.end > w.start)).length;
      const into = marked * 2 > n ? sure : marked > 0 && marked * 2 === n ? tied : null;
      if (into && open?.into === into) open.span.end = w.end;
      else if (into) {
        open = { into, span: { start: w.start, end: w.end, label } };
        into.push(open.span);
      } else open = null;
    }
  }
  const order = (a: StoredSpan, b: StoredSpan) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : 1);
  sure.sort(order);
  tied.sort(order);
  const tie = tied.length > 0;
  const value = tie ? null : sure.length ? sure : null;
  const votes = tie ? 0 : spansByCoder.filter((s) => canonical(s.length ? s : null) === canonical(value)).length;
  return { value, votes, of: n, tie, spans: { sure, tied } };
}

/**
 * The span majority of one span dimension from the stored values of the voters (a list of spans,
 * or anything else for "no spans"): what the Review screen shows and the export writes.
 */
export function spanDimensionMajority(
  dim: { values: readonly { id: string }[] },
  values: readonly unknown[],
  words: readonly { start: number; end: number }[],
): Majority | null {
  return spanMajority(
    values.map((v) => (Array.isArray(v) ? (v as StoredSpan[]) : [])),
    words,
    dim.values.map((v) => v.id),
  );
}

export interface Verdict {
  disagreement: boolean;
  majority: Majority | null;
}

/** The kinds compared in review (free text and flags are shown, not compared). */
export const COMPARED_KINDS = new Set(["per_target", "single", "target_choice", "multi", "span"]);

/**
 * A verdict per compared `${dimension}:${target}` key for one sentence, from the values of its
 * confirmed annotators (each a map keyed like `annotationKey`). `words` (the sentence's word
 * ranges) enables the span majority; without it span majorities are null. `covered[i]`, when
 * given, is the set of targets annotator i's confirmation covers: toward another target (added
 * since) that annotator does not vote.
 */
export function sentenceVerdicts(
  schema: LabelSchema,
  targets: readonly string[],
  confirmed: readonly ReadonlyMap<string, unknown>[],
  words: readonly { start: number; end: number }[] | null,
  covered?: readonly ReadonlySet<string>[],
): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const k of dimensionKeys(schema, targets)) {
    const dim = schema.dimensions.find((d) => d.id === k.dimension)!;
    if (!COMPARED_KINDS.has(dim.kind)) continue;
    const voters = k.target === null || !covered ? confirmed : confirmed.filter((_, i) => covered[i]?.has(k.target!) !== false);
    const values = voters.map((m) => m.get(k.key) ?? null);
    const disagreement = new Set(values.map(canonical)).size > 1;
    let majority: Majority | null;
    if (dim.kind === "span") {
      majority = words ? spanDimensionMajority(dim, values, words) : null;
    } else {
      majority = majorityVote(values);
    }
    out[k.key] = { disagreement, majority };
  }
  return out;
}
