import type { ReliabilityMatrix } from "./types";

/** Build units × coders data from an observers × units table (the layout papers print). */
export function fromCoderRows<V extends string | number>(coders: string[], rows: (V | null)[][]): ReliabilityMatrix<V> {
  const width = Math.max(...rows.map((r) => r.length));
  const units = Array.from({ length: width }, (_, u) => rows.map((r) => r[u] ?? null));
  return { coders, units };
}

/** Krippendorff (2011): 4 observers × 12 units. */
export const K2011 = fromCoderRows(
  ["A", "B", "C", "D"],
  [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ],
);

/** Second published example (tests of the `krippendorff` Python package): 3 coders × 15 units. */
const parse = (s: string) => s.split(" ").map((x) => (x === "*" ? null : Number(x)));
export const PY_EXAMPLE = fromCoderRows(
  ["A", "B", "C"],
  [parse("* * * * * 3 4 1 2 1 1 3 3 * 3"), parse("1 * 2 1 3 3 4 3 * * * * * * *"), parse("* * 2 1 3 4 4 * 2 1 1 3 3 * 4")],
);
