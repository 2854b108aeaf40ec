/** One line of the benchmark report (`npm run bench`). */
export interface BenchResult {
  /** what was measured, e.g. "agreement: Krippendorff alpha, 100k units x 3 coders" */
  name: string;
  /** the measured figure */
  value: number;
  /** unit of the figure: "ms", "s", "rows/s", "MB" ... */
  unit: string;
  /** the target as text, e.g. "< 500 ms" */
  target?: string;
  /** whether the figure meets the target */
  ok?: boolean;
  /** the baseline measured in the same run, in the same unit, and what it is */
  baseline?: { name: string; value: number };
  /** value / baseline.value */
  ratio?: number;
}
