/**
 * Benchmark: Krippendorff's alpha (nominal) over 100,000 units × 3 coders × 4 categories.
 *
 * Used by the bench runner through `run()`, or alone: `npx tsx bench/agreement.bench.ts`.
 * The baseline is the floor: a minimal hand-written nominal alpha over the same data
 * pre-encoded as an Int8Array (no input decoding, no general machinery).
 */
import { fileURLToPath } from "node:url";
import path from "node:path";
import { agreementReport, krippendorffAlpha, type ReliabilityMatrix } from "../lib/agreement";
import type { BenchResult } from "./types";
import { mulberry32 } from "@/lib/prng";

const UNITS = 100_000;
const CODERS = 3;
const CATEGORIES = ["left", "center", "right", "none"] as const;
const K = CATEGORIES.length;
/** chance a coder gives the unit's "true" category: 0.89² + 0.11²/3 ≈ 80% pairwise agreement */
const ACCURACY = 0.89;
const MISSING = 0.05;
const TARGET_MS = 500;

type Category = (typeof CATEGORIES)[number];

export function generate(seed = 20110101): { data: ReliabilityMatrix<Category>; codes: Int8Array } {
  const rand = mulberry32(seed);
  const codes = new Int8Array(UNITS * CODERS);
  const units: (Category | null)[][] = new Array(UNITS);
  for (let u = 0; u < UNITS; u++) {
    const truth = Math.floor(rand() * K);
    const row: (Category | null)[] = new Array(CODERS);
    for (let j = 0; j < CODERS; j++) {
      let c = -1;
      if (rand() >= MISSING) {
        c = rand() < ACCURACY ? truth : (truth + 1 + Math.floor(rand() * (K - 1))) % K;
      }
      codes[u * CODERS + j] = c;
      row[j] = c < 0 ? null : CATEGORIES[c]!;
    }
    units[u] = row;
  }
  return { data: { coders: ["c1", "c2", "c3"], units }, codes };
}

/** The floor: nominal alpha straight from pre-encoded codes (−1 = missing). */
export function floorNominalAlpha(codes: Int8Array, coders: number, k: number): number {
  const cnt = new Int32Array(k);
  const marg = new Float64Array(k);
  let n = 0;
  let diag = 0; // Σ_c o_cc
  const units = codes.length / coders;
  for (let u = 0; u < units; u++) {
    let m = 0;
    const base = u * coders;
    for (let j = 0; j < coders; j++) {
      const c = codes[base + j]!;
      if (c >= 0) {
        cnt[c]!++;
        m++;
      }
    }
    if (m >= 2) {
      n += m;
      const w = 1 / (m - 1);
      for (let c = 0; c < k; c++) {
        const x = cnt[c]!;
        marg[c]! += x;
        diag += x * (x - 1) * w;
      }
    }
    cnt.fill(0);
  }
  let sq = 0;
  for (let c = 0; c < k; c++) sq += marg[c]! * marg[c]!;
  return 1 - ((n - 1) * (n - diag)) / (n * n - sq);
}

function bestOf<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let value = fn(); // warm-up
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, value };
}

export async function run(): Promise<BenchResult[]> {
  const { data, codes } = generate();
  const floor = bestOf(5, () => floorNominalAlpha(codes, CODERS, K));
  const alpha = bestOf(5, () => krippendorffAlpha(data, { level: "nominal" }).alpha);
  if (alpha.value === null || Math.abs(alpha.value - floor.value) > 1e-9) {
    throw new Error(`agreement bench: krippendorffAlpha gave ${alpha.value}, the baseline ${floor.value}`);
  }
  const report = bestOf(5, () => agreementReport(data, { level: "nominal" }));
  const baseline = { name: "hand-written nominal alpha over pre-encoded Int8Array", value: round(floor.ms) };
  return [
    {
      name: `agreement: Krippendorff alpha nominal, 100k units x 3 coders x 4 categories (alpha ${alpha.value.toFixed(4)})`,
      value: round(alpha.ms),
      unit: "ms",
      target: `< ${TARGET_MS} ms`,
      ok: alpha.ms < TARGET_MS,
      baseline,
      ratio: round(alpha.ms / floor.ms),
    },
    {
      name: "agreement: agreementReport nominal (alpha, Fleiss, pairwise Cohen, percent), same data",
      value: round(report.ms),
      unit: "ms",
      target: `< ${TARGET_MS} ms`,
      ok: report.ms < TARGET_MS,
      baseline,
      ratio: round(report.ms / floor.ms),
    },
  ];
}

const round = (x: number) => Math.round(x * 100) / 100;

function printTable(results: BenchResult[]): void {
  const rows = [
    ["name", "value", "target", "ok", "baseline", "ratio"],
    ...results.map((r) => [
      r.name,
      `${r.value} ${r.unit}`,
      r.target ?? "",
      r.ok === undefined ? "" : r.ok ? "yes" : "NO",
      r.baseline ? `${r.baseline.value} ${r.unit} (${r.baseline.name})` : "",
      r.ratio === undefined ? "" : `${r.ratio}x`,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    console.log(
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
}

// Run alone (`npx tsx bench/agreement.bench.ts`), not when imported by the bench runner.
const invokedAs = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (invokedAs === fileURLToPath(import.meta.url) || invokedAs === fileURLToPath(import.meta.url).replace(/\.ts$/, "")) {
  run().then(printTable, (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
