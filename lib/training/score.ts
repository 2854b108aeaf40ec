/**
 * Scoring a training attempt against gold: accuracy per (sentence, dimension, target), per
 * dimension. Pure functions over stored rows; no framework.
 *
 * The units are the gold labels of the training sentences in the scored dimensions (a gold row
 * whose value is null is a recorded decision: "none" for a stance, "no value" otherwise). The
 * annotator's answer to a unit is their label when they gave one; when they gave none it is
 * `null` (the same "none" / "no value") only if they confirmed the sentence; a sentence they never
 * confirmed leaves the unit unanswered, which counts as wrong: silence is not "none".
 */
import { canonical } from "@/lib/review/majority";
import { annotationKey } from "@/lib/schema/helpers";

export interface ScoredLabel {
  segmentId: string;
  dimension: string;
  /** "" when the dimension has no target, as stored. */
  target: string;
  value: unknown;
}

export interface UnitResult {
  segmentId: string;
  dimension: string;
  target: string;
  gold: unknown;
  /** The annotator's answer; null for "none" / "no value" and for an unanswered unit. */
  answer: unknown;
  /** "given": a label; "none": confirmed without one; "unanswered": sentence not confirmed. */
  state: "given" | "none" | "unanswered";
  correct: boolean;
}

export interface DimensionScore {
  dimension: string;
  correct: number;
  total: number;
  /** correct / total; null when the training set has no gold unit in this dimension. */
  accuracy: number | null;
}

export interface TrainingScore {
  dimensions: DimensionScore[];
  units: UnitResult[];
  /** Every dimension with gold units reaches `minAccuracy`, and there is at least one unit. */
  passed: boolean;
}

export interface ScoreInput {
  /** The scored dimension ids, in the order the score lists them. */
  dimensions: readonly string[];
  minAccuracy: number;
  gold: readonly ScoredLabel[];
  labels: readonly ScoredLabel[];
  /** The sentences the annotator confirmed in this attempt. */
  confirmed: ReadonlySet<string>;
}

const unitKey = (segmentId: string, dimension: string, target: string) => `${segmentId}|${annotationKey(dimension, target)}`;

export function scoreAttempt(input: ScoreInput): TrainingScore {
  const scored = new Set(input.dimensions);
  const given = new Map<string, unknown>();
  for (const l of input.labels) given.set(unitKey(l.segmentId, l.dimension, l.target), l.value);
  const units: UnitResult[] = [];
  const tally = new Map(input.dimensions.map((d) => [d, { correct: 0, total: 0 }]));
  for (const g of input.gold) {
    if (!scored.has(g.dimension)) continue;
    const key = unitKey(g.segmentId, g.dimension, g.target);
    const has = given.has(key) && given.get(key) !== null;
    const state: UnitResult["state"] = has ? "given" : input.confirmed.has(g.segmentId) ? "none" : "unanswered";
    const answer = has ? given.get(key) : null;
    const correct = state !== "unanswered" && canonical(answer) === canonical(g.value);
    units.push({ segmentId: g.segmentId, dimension: g.dimension, target: g.target, gold: g.value ?? null, answer, state, correct });
    const t = tally.get(g.dimension)!;
    t.total++;
    if (correct) t.correct++;
  }
  const dimensions = input.dimensions.map((d) => {
    const t = tally.get(d)!;
    return { dimension: d, correct: t.correct, total: t.total, accuracy: t.total ? t.correct / t.total : null };
  });
  const passed = units.length > 0 && dimensions.every((d) => d.accuracy === null || d.accuracy >= input.minAccuracy);
  return { dimensions, units, passed };
}

/**
 * Which units trip people up most: per unit, how many finished attempts got it wrong, most missed
 * first (ties in the order first seen). Over the attempts' `units` as scoreAttempt returned them.
 */
export function hardestUnits(
  attempts: readonly { units: readonly UnitResult[] }[],
): { segmentId: string; dimension: string; target: string; wrong: number; of: number }[] {
  const byUnit = new Map<string, { segmentId: string; dimension: string; target: string; wrong: number; of: number }>();
  for (const a of attempts)
    for (const u of a.units) {
      const key = unitKey(u.segmentId, u.dimension, u.target);
      const row = byUnit.get(key) ?? { segmentId: u.segmentId, dimension: u.dimension, target: u.target, wrong: 0, of: 0 };
      row.of++;
      if (!u.correct) row.wrong++;
      byUnit.set(key, row);
    }
  return [...byUnit.values()].filter((r) => r.wrong > 0).sort((a, b) => b.wrong - a.wrong);
}
