/**
 * Simulated annotators with known competences, for testing and benchmarking the aggregation
 * models: each item has a true class drawn from `priors`; an annotator with competence c gives
 * the true class with probability c and otherwise a class drawn uniformly (MACE's story).
 */
import { mulberry32 } from "@/lib/prng";
import { fillItemStart, type RatingCounts } from "./counts";

export interface Simulation {
  counts: RatingCounts;
  truth: Int32Array;
}

export function simulateAnnotators(opts: {
  items: number;
  classes: number;
  competences: readonly number[];
  /** annotators per item, drawn without replacement (default: all) */
  perItem?: number;
  seed: number;
}): Simulation {
  const { items, classes, competences, seed } = opts;
  const A = competences.length;
  const k = Math.min(opts.perItem ?? A, A);
  const random = mulberry32(seed);
  const truth = new Int32Array(items);
  const m = items * k;
  const counts: RatingCounts = {
    items,
    annotators: A,
    classes,
    item: new Int32Array(m),
    annotator: new Int32Array(m),
    value: new Int32Array(m),
    count: new Float64Array(m).fill(1),
    itemStart: new Int32Array(items + 1),
  };
  const pool = Array.from({ length: A }, (_, a) => a);
  let e = 0;
  for (let i = 0; i < items; i++) {
    truth[i] = Math.floor(random() * classes);
    // partial Fisher–Yates: the first k of the pool are this item's annotators
    for (let j = 0; j < k; j++) {
      const x = j + Math.floor(random() * (A - j));
      [pool[j], pool[x]] = [pool[x]!, pool[j]!];
    }
    const chosen = pool.slice(0, k).sort((x, y) => x - y);
    for (const a of chosen) {
      counts.item[e] = i;
      counts.annotator[e] = a;
      counts.value[e] = random() < competences[a]! ? truth[i]! : Math.floor(random() * classes);
      e++;
    }
  }
  fillItemStart(counts);
  return { counts, truth };
}
