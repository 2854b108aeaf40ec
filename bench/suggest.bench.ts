/**
 * Benchmark: the attribution extractor (lib/suggest) on news text.
 *
 * - a 300-sentence document: segmentation + extraction (target < 200 ms);
 * - many articles: extraction over already-segmented documents, the background step after an
 *   import (target ≥ 500 articles/s), and segmentation + extraction together;
 * - the baseline, measured in the same run: segmentation alone (what every import already does)
 *   over the same articles.
 *
 * The articles are the hand-labelled fixtures (tests/fixtures/attribution), repeated: extraction
 * keeps no state between documents, so repeating them measures the same work as new articles.
 * Run alone: `npx tsx bench/suggest.bench.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { segmentText, type Segment } from "../lib/segment";
import { suggestForDocument } from "../lib/suggest";
import type { BenchResult } from "./types";

const FIXTURES = path.join(import.meta.dirname, "../tests/fixtures/attribution");
const ARTICLES = 2_000;
const DOC_TARGET_MS = 200;
const RATE_TARGET = 500;
const TARGETS = ["Turkey", "Azerbaijan", "Armenia"];

function articles(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => (JSON.parse(readFileSync(path.join(FIXTURES, f), "utf8")) as { text: string }).text);
}

/** A document of at least `sentences` segments, made of the fixture articles one after another. */
function longDocument(texts: readonly string[], sentences: number): string {
  let doc = "";
  for (let i = 0; segmentText(doc).length < sentences; i++) doc += `${texts[i % texts.length]}\n\n`;
  return doc;
}

/** Best wall time of `runs` runs after a warm-up, and the CPU time of that run (on a shared machine the two differ). */
function bestOf(runs: number, fn: () => void): number {
  return bestOfBoth(runs, fn).wall;
}

function bestOfBoth(runs: number, fn: () => void): { wall: number; cpu: number } {
  fn(); // warm-up
  let best = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1000 };
  }
  return best;
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function run(): Promise<BenchResult[]> {
  const texts = articles();
  const t0 = performance.now();
  suggestForDocument(texts[0]!, segmentText(texts[0]!)); // loads the wink model once
  const firstCall = performance.now() - t0;

  const doc = longDocument(texts, 300);
  const docSegments = segmentText(doc).length;
  const docMs = bestOf(5, () => suggestForDocument(doc, segmentText(doc), { targets: TARGETS }));
  const docSegmentMs = bestOf(5, () => segmentText(doc));

  const many = Array.from({ length: ARTICLES }, (_, i) => texts[i % texts.length]!);
  const segmented: Segment[][] = many.map((t) => segmentText(t));
  const extract = bestOfBoth(2, () => many.forEach((t, i) => suggestForDocument(t, segmented[i]!, { targets: TARGETS })));
  const extractMs = extract.wall;
  const bothMs = bestOf(2, () => many.forEach((t) => suggestForDocument(t, segmentText(t), { targets: TARGETS })));
  const segmentMs = bestOf(2, () => many.forEach((t) => segmentText(t)));
  const rate = (ms: number) => round((ARTICLES * 1000) / ms);
  const baseline = { name: "segmentText alone, same articles", value: rate(segmentMs) };

  return [
    {
      name: `suggest: segmentation + extraction, one ${docSegments}-segment document`,
      value: round(docMs),
      unit: "ms",
      target: `< ${DOC_TARGET_MS} ms`,
      ok: docMs < DOC_TARGET_MS,
      baseline: { name: "segmentText alone, same document", value: round(docSegmentMs) },
      ratio: round(docMs / docSegmentMs),
    },
    {
      name: `suggest: extraction over segmented articles (background step), ${ARTICLES} articles`,
      value: rate(extractMs),
      unit: "articles/s",
      target: `>= ${RATE_TARGET} articles/s`,
      ok: rate(extractMs) >= RATE_TARGET,
      baseline,
      ratio: round(rate(extractMs) / baseline.value),
    },
    {
      name: `suggest: segmentation + extraction, ${ARTICLES} articles`,
      value: rate(bothMs),
      unit: "articles/s",
      baseline,
      ratio: round(rate(bothMs) / baseline.value),
    },
    {
      // Wall time on a machine shared with other work understates the rate; CPU time shows the work itself.
      name: `suggest: extraction over segmented articles, per CPU second (CPU ${round(extract.cpu)} ms, wall ${round(extract.wall)} ms)`,
      value: rate(extract.cpu),
      unit: "articles/s",
    },
    { name: "suggest: first call (loads the wink-nlp model once per process)", value: round(firstCall), unit: "ms" },
  ];
}

// Run alone (`npx tsx bench/suggest.bench.ts`), not when imported by the bench runner.
const invokedAs = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (invokedAs === fileURLToPath(import.meta.url)) {
  run().then(
    (r) => console.table(r.map((x) => ({ ...x, baseline: x.baseline ? `${x.baseline.value} (${x.baseline.name})` : "" }))),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
