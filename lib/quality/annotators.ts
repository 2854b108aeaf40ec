/**
 * Per-annotator quality (the quality page, GET /api/v1/projects/:id/quality and its CSV/JSON
 * download all call server/quality.ts, which calls this). Pure: plain rows in, figures out.
 *
 * Per annotator and per sentence-level variable (a dimension, or a dimension toward one target):
 * - agreement with gold: the share of the sentences with a gold value where the annotator's value
 *   equals it (adjudicated gold; per-target gold without a value is "none");
 * - agreement with the majority: the share of the sentences where the *other* annotators who rated
 *   it have a majority (a value more than half of them gave; with one other annotator, theirs) and
 *   the annotator's value equals it. The annotator's own vote is left out of that majority, so
 *   it cannot agree with itself;
 * - Cohen's κ with each colleague over the sentences both rated (lib/agreement pairwiseCohen);
 * - the annotator's label distribution beside the team's (all annotators together).
 * Per annotator: time per sentence (median, and the share under TIME_FLOOR_MS) over the sentences
 * with time recorded, and the confirmation rate (sentences confirmed / sentences given any label
 * or confirmation).
 * An annotator's value counts only on sentences they confirmed (as for agreement).
 */
import { pairwiseCohen, type Unit } from "@/lib/agreement";

/** A sentence done faster than this is suspicious (nobody reads and labels a sentence in 2 s). */
export const TIME_FLOOR_MS = 2_000;

export interface Rate {
  /** sentences counted */
  n: number;
  /** of which agreed (or were faster, or confirmed) */
  hits: number;
  /** hits / n; null when n = 0 */
  value: number | null;
}

export interface QualityVariableInput {
  key: string;
  label: string;
  dimension: string;
  target: string | null;
  categories: { id: string; label: string }[];
  /** one unit per sentence (unit id = sentence id): annotator → value */
  units: Unit<string>[];
  /** sentence id → gold value, for the sentences with gold */
  gold: ReadonlyMap<string, string>;
}

export interface QualityInput {
  annotators: { id: string; name: string }[];
  variables: QualityVariableInput[];
  /** time per sentence and annotator (ms) */
  times: { userId: string; segmentId: string; ms: number }[];
  /** per annotator: sentences with any label or confirmation, and those confirmed */
  work: { userId: string; touched: number; confirmed: number }[];
}

export interface AnnotatorVariableQuality {
  annotator: string;
  gold: Rate;
  majority: Rate;
  /** ratings per category (same order as `categories`) */
  counts: number[];
}

export interface VariableQuality {
  key: string;
  label: string;
  dimension: string;
  target: string | null;
  categories: { id: string; label: string }[];
  /** the team's ratings per category */
  teamCounts: number[];
  annotators: AnnotatorVariableQuality[];
  /** Cohen's κ of each pair of annotators (same order as the report's `annotators`); null: undefined or not computed (diagonal) */
  kappa: (number | null)[][];
  /** sentences both rated (diagonal: sentences the annotator rated) */
  kappaN: number[][];
}

export interface AnnotatorQuality {
  id: string;
  name: string;
  /** gold agreement pooled over every variable */
  gold: Rate;
  confirmation: Rate;
  time: { sentences: number; medianMs: number | null; fasterThanFloor: Rate };
}

export interface QualityReport {
  timeFloorMs: number;
  annotators: AnnotatorQuality[];
  variables: VariableQuality[];
}

export const rate = (hits: number, n: number): Rate => ({ n, hits, value: n ? hits / n : null });

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The value more than half of `values` are (at least one value), else null. */
function majorityOf(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [v, n] of counts) if (n * 2 > values.length) return v;
  return null;
}

function variableQuality(v: QualityVariableInput, annotatorIds: string[]): VariableQuality {
  const catIndex = new Map(v.categories.map((c, i) => [c.id, i]));
  const teamCounts = new Array<number>(v.categories.length).fill(0);
  const per = new Map(
    annotatorIds.map((id) => [id, { gold: [0, 0], majority: [0, 0], counts: new Array<number>(v.categories.length).fill(0) }]),
  );
  for (const u of v.units) {
    const gold = v.gold.get(u.id);
    for (const [coder, value] of u.values) {
      const a = per.get(coder);
      if (!a || typeof value !== "string") continue;
      const c = catIndex.get(value);
      if (c !== undefined) {
        a.counts[c]!++;
        teamCounts[c]!++;
      }
      if (gold !== undefined) {
        a.gold[1]!++;
        if (gold === value) a.gold[0]!++;
      }
      const others: string[] = [];
      for (const [o, ov] of u.values) if (o !== coder && typeof ov === "string") others.push(ov);
      const maj = majorityOf(others);
      if (maj !== null) {
        a.majority[1]!++;
        if (maj === value) a.majority[0]!++;
      }
    }
  }
  const pc = pairwiseCohen(v.units);
  const at = new Map(pc.coders.map((c, i) => [c, i]));
  const kappa = annotatorIds.map((a) =>
    annotatorIds.map((b) => (a === b || !at.has(a) || !at.has(b) ? null : pc.kappa[at.get(a)!]![at.get(b)!]!)),
  );
  const kappaN = annotatorIds.map((a) => annotatorIds.map((b) => (at.has(a) && at.has(b) ? pc.n[at.get(a)!]![at.get(b)!]! : 0)));
  return {
    key: v.key,
    label: v.label,
    dimension: v.dimension,
    target: v.target,
    categories: v.categories,
    teamCounts,
    annotators: annotatorIds.map((id) => {
      const a = per.get(id)!;
      return { annotator: id, gold: rate(a.gold[0]!, a.gold[1]!), majority: rate(a.majority[0]!, a.majority[1]!), counts: a.counts };
    }),
    kappa,
    kappaN,
  };
}

export function annotatorQuality(input: QualityInput, timeFloorMs = TIME_FLOOR_MS): QualityReport {
  const ids = input.annotators.map((a) => a.id);
  const variables = input.variables.map((v) => variableQuality(v, ids));
  const times = new Map<string, number[]>(ids.map((id) => [id, []]));
  for (const t of input.times) if (t.ms > 0) times.get(t.userId)?.push(t.ms);
  const work = new Map(input.work.map((w) => [w.userId, w]));
  const annotators = input.annotators.map((a, i): AnnotatorQuality => {
    let hits = 0;
    let n = 0;
    for (const v of variables) {
      hits += v.annotators[i]!.gold.hits;
      n += v.annotators[i]!.gold.n;
    }
    const ms = times.get(a.id)!;
    const w = work.get(a.id);
    return {
      ...a,
      gold: rate(hits, n),
      confirmation: rate(w?.confirmed ?? 0, w?.touched ?? 0),
      time: { sentences: ms.length, medianMs: median(ms), fasterThanFloor: rate(ms.filter((x) => x < timeFloorMs).length, ms.length) },
    };
  });
  return { timeFloorMs, annotators, variables };
}
