/**
 * Benchmark: label aggregation of 100,000 sentences × 3 annotators × 5 values with MACE and
 * Dawid–Skene (target < 2 s each), beside majority vote over the same counts (the baseline).
 * `npm run bench -- aggregation`.
 */
import { simulateAnnotators } from "@/lib/agreement/aggregation/simulate";
import { dawidSkene } from "@/lib/agreement/aggregation/dawid-skene";
import { mace } from "@/lib/agreement/aggregation/mace";
import { pluralityVote } from "@/lib/agreement/aggregation/counts";
import type { BenchResult } from "./types";

const TARGET_MS = 2000;

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function run(): Promise<BenchResult[]> {
  const { counts, truth } = simulateAnnotators({
    items: 100_000,
    classes: 5,
    competences: [0.9, 0.7, 0.5, 0.3, 0.2, 0.8],
    perItem: 3,
    seed: 5,
  });
  const accuracy = (label: Int32Array) => (label.filter((l, i) => l === truth[i]).length / label.length).toFixed(3);
  pluralityVote(counts); // warm-up
  const maj = time(() => pluralityVote(counts));
  const m = time(() => mace(counts));
  const ds = time(() => dawidSkene(counts));
  // Few annotators repeat rating patterns, which the models fit once each; with 60 annotators
  // almost every sentence has a pattern of its own: the worst case.
  const many = simulateAnnotators({
    items: 100_000,
    classes: 5,
    competences: Array.from({ length: 60 }, (_, a) => 0.2 + (0.7 * a) / 59),
    perItem: 3,
    seed: 6,
  });
  const mMany = time(() => mace(many.counts));
  const dsMany = time(() => dawidSkene(many.counts));
  const baseline = { name: `majority vote over the same counts (accuracy ${accuracy(maj.value)})`, value: round(maj.ms) };
  return [
    {
      name: `aggregation: MACE (50 iterations x 10 restarts), 100k sentences x 3 of 6 annotators x 5 values (accuracy ${accuracy(m.value.label)})`,
      value: round(m.ms),
      unit: "ms",
      target: `< ${TARGET_MS} ms`,
      ok: m.ms < TARGET_MS,
      baseline,
      ratio: round(m.ms / maj.ms),
    },
    {
      name: `aggregation: Dawid-Skene (${ds.value.iterations} EM rounds), same data (accuracy ${accuracy(ds.value.label)})`,
      value: round(ds.ms),
      unit: "ms",
      target: `< ${TARGET_MS} ms`,
      ok: ds.ms < TARGET_MS,
      baseline,
      ratio: round(ds.ms / maj.ms),
    },
    {
      name: "aggregation: MACE, 100k sentences x 3 of 60 annotators x 5 values (stress: nearly every sentence a pattern of its own)",
      value: round(mMany.ms),
      unit: "ms",
      baseline,
      ratio: round(mMany.ms / maj.ms),
    },
    {
      name: `aggregation: Dawid-Skene (${dsMany.value.iterations} EM rounds), 100k sentences x 3 of 60 annotators x 5 values (stress)`,
      value: round(dsMany.ms),
      unit: "ms",
      baseline,
      ratio: round(dsMany.ms / maj.ms),
    },
  ];
}
