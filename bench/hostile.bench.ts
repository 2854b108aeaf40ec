/**
 * Benchmark: parsing hostile HTML uploads of the size allowed (maxHtmlBytes, 5 MB), in this
 * thread and through the parse worker the server uses.
 *
 * The pages are unclosed `<script` and `<!--` repeated: the markup scan that runs before jsdom
 * used a backtracking regex that re-read the rest of the page at every one of them. That regex is
 * kept here, as the baseline of the same run, on 200 KB only: it grows with the square of the size
 * (200 KB of `<!--` took ~8 s on the machine it was written on, 400 KB ~25 s, so 5 MB would take
 * hours).
 *
 * Used by the bench runner through `run()`, or alone: `npx tsx bench/hostile.bench.ts`.
 */
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parseImportFile } from "../lib/formats";
import type { BenchResult } from "./types";

const SIZE = 5 * 1024 * 1024 - 1024;
const BASELINE_SIZE = 200 * 1024;
const TARGET_S = 2;

const page = (unit: string, bytes: number) => new TextEncoder().encode(unit.repeat(Math.floor(bytes / unit.length)));

/** The depth scan as it was: comments and raw-text elements removed by one backtracking regex. */
function quadraticScan(html: string): number {
  const markup = html.replace(/<!--[\s\S]*?-->|<(script|style|textarea|title|template)\b[\s\S]*?<\/\1\s*>/gi, "");
  let depth = 0;
  for (const m of markup.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/g)) depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
  return depth;
}

const seconds = (f: () => unknown) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};

export async function run(): Promise<BenchResult[]> {
  const { UploadParser } = await import("../server/parse-upload");
  const results: BenchResult[] = [];
  for (const unit of ["<script", "<!--"]) {
    const baseline = seconds(() => quadraticScan(new TextDecoder().decode(page(unit, BASELINE_SIZE))));
    const bytes = page(unit, SIZE);
    const inThread = seconds(() => parseImportFile("hostile.html", bytes));
    const parser = new UploadParser();
    await parser.parse({ name: "warm-up.txt", bytes: new TextEncoder().encode("Title\n\nBody.") });
    const t = performance.now();
    await parser.parse({ name: "hostile.html", bytes });
    const inWorker = (performance.now() - t) / 1000;
    parser.close();
    const base = { name: `old scan of 200 KB of '${unit}'`, value: baseline };
    results.push(
      {
        name: `parse 5 MB of unclosed '${unit}' (.html)`,
        value: inThread,
        unit: "s",
        target: `< ${TARGET_S} s`,
        ok: inThread < TARGET_S,
        baseline: base,
        ratio: inThread / baseline,
      },
      {
        name: `the same through the parse worker (started)`,
        value: inWorker,
        unit: "s",
        target: `< ${TARGET_S} s`,
        ok: inWorker < TARGET_S,
        baseline: base,
        ratio: inWorker / baseline,
      },
    );
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void run().then((r) => console.table(r));
}
