/**
 * Scores the segmenter and the extractor against hand-labelled articles (tests/fixtures/attribution):
 * sourcing accuracy and macro-F1, quote-span P/R/F1 (exact and at ≥ 50% overlap), speaker
 * accuracy, segmentation boundary P/R/F1.
 *
 * A fixture: `{"text"?: the whole article, "segments": [{"text", "kind", "sourcing", "speaker",
 * "speaker_canonical", "cue", "quotes": [[start, end], ...]}]}`, quote offsets in code points into
 * the segment text, marks excluded. Without "text" the article is rebuilt by joining the segments
 * with blank lines (then boundaries between paragraphs are given, and only the ones inside
 * paragraphs are tested: say so when reporting).
 */
import { z } from "zod";
import { segmentText } from "../segment";
import { SOURCING_VALUES, suggestForDocument, type Sourcing } from "./index";

export const fixtureSchema = z.object({
  text: z.string().optional(),
  note: z.string().optional(),
  segments: z.array(
    z.object({
      text: z.string().min(1),
      kind: z.string().optional(),
      sourcing: z.enum(SOURCING_VALUES),
      speaker: z.string().nullable().optional(),
      speaker_canonical: z.string().nullable().optional(),
      cue: z.string().nullable().optional(),
      quotes: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).default([]),
    }),
  ),
});
export type Fixture = z.infer<typeof fixtureSchema>;

export interface Counts {
  segments: number;
  sourcingCorrect: number;
  /** confusion[gold][predicted] */
  confusion: Record<Sourcing, Record<Sourcing, number>>;
  quotesGold: number;
  quotesPredicted: number;
  quotesExact: number;
  quotesOverlap: number;
  speakersGold: number;
  speakersCorrect: number;
  boundariesGold: number;
  boundariesPredicted: number;
  boundariesMatched: number;
  /** Segments whose prediction differs from the fixture, for reading. */
  errors: string[];
}

export function emptyCounts(): Counts {
  const row = () => Object.fromEntries(SOURCING_VALUES.map((v) => [v, 0])) as Record<Sourcing, number>;
  return {
    segments: 0,
    sourcingCorrect: 0,
    confusion: Object.fromEntries(SOURCING_VALUES.map((v) => [v, row()])) as Counts["confusion"],
    quotesGold: 0,
    quotesPredicted: 0,
    quotesExact: 0,
    quotesOverlap: 0,
    speakersGold: 0,
    speakersCorrect: 0,
    boundariesGold: 0,
    boundariesPredicted: 0,
    boundariesMatched: 0,
    errors: [],
  };
}

/** Lower case, accents removed, spaces collapsed. */
export function normalizeName(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** The rule: equal to the surface or the canonical name, or its last word is the canonical's surname. */
export function speakerMatches(predicted: string | null, surface: string | null, canonical: string | null): boolean {
  if (!predicted) return false;
  const p = normalizeName(predicted);
  if ((surface && p === normalizeName(surface)) || (canonical && p === normalizeName(canonical))) return true;
  const last = (s: string) => s.split(" ").pop() ?? "";
  return canonical !== null && canonical !== "" && last(p) === last(normalizeName(canonical));
}

/** UTF-16 offset → code-point offset within `s`. */
function codePoints(s: string, utf16: number): number {
  return [...s.slice(0, utf16)].length;
}

/** Ends of segments, counted in non-whitespace characters (so boundaries compare ignoring whitespace). */
function boundaries(text: string, ranges: readonly { start: number; end: number }[]): Set<number> {
  const out = new Set<number>();
  let count = 0;
  let pos = 0;
  for (const r of ranges.slice(0, -1)) {
    count += text.slice(pos, r.end).replace(/\s/gu, "").length;
    pos = r.end;
    out.add(count);
  }
  return out;
}

function overlap(a: readonly [number, number], b: readonly [number, number]): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  return inter / Math.max(a[1] - a[0], b[1] - b[0], 1);
}

/** Scores one article; adds to `c`. */
export function scoreFixture(fx: Fixture, c: Counts, targets: readonly string[] = []): void {
  const text = fx.text ?? fx.segments.map((s) => s.text).join("\n\n");
  const ranges: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const s of fx.segments) {
    const at = text.indexOf(s.text, cursor);
    if (at < 0) throw new Error(`segment not found in the article text after offset ${cursor}: ${JSON.stringify(s.text.slice(0, 60))}`);
    ranges.push({ start: at, end: at + s.text.length });
    cursor = at + s.text.length;
  }

  const predicted = segmentText(text);
  const gold = boundaries(text, ranges);
  const pred = boundaries(text, predicted);
  c.boundariesGold += gold.size;
  c.boundariesPredicted += pred.size;
  for (const b of pred) if (gold.has(b)) c.boundariesMatched++;

  // Extraction is scored on the fixture's segments, with the kinds the segmenter gives the same ranges.
  const kindAt = new Map(predicted.map((p) => [`${p.start}:${p.end}`, p.kind]));
  const suggestions = suggestForDocument(
    text,
    ranges.map((r) => ({ ...r, kind: kindAt.get(`${r.start}:${r.end}`) ?? "sentence" })),
    { targets },
  );
  fx.segments.forEach((g, i) => {
    const s = suggestions[i]!;
    const segText = g.text;
    c.segments++;
    c.confusion[g.sourcing][s.sourcing.value]++;
    const problems: string[] = [];
    if (g.sourcing === s.sourcing.value) c.sourcingCorrect++;
    else problems.push(`sourcing ${g.sourcing} → ${s.sourcing.value}`);

    const goldQuotes = g.quotes;
    const predQuotes = s.quotes.map(([a, b]) => [codePoints(segText, a), codePoints(segText, b)] as [number, number]);
    c.quotesGold += goldQuotes.length;
    c.quotesPredicted += predQuotes.length;
    c.quotesExact += predQuotes.filter((p) => goldQuotes.some((q) => q[0] === p[0] && q[1] === p[1])).length;
    const used = new Set<number>();
    for (const p of predQuotes) {
      const k = goldQuotes.findIndex((q, j) => !used.has(j) && overlap(p, q) >= 0.5);
      if (k >= 0) {
        used.add(k);
        c.quotesOverlap++;
      }
    }
    if (used.size !== goldQuotes.length || predQuotes.length !== goldQuotes.length) {
      problems.push(`quotes ${JSON.stringify(goldQuotes)} → ${JSON.stringify(predQuotes)}`);
    }

    if (g.speaker) {
      c.speakersGold++;
      const p = s.speakerCanonical ?? s.speaker?.value ?? null;
      if (speakerMatches(p, g.speaker, g.speaker_canonical ?? null)) c.speakersCorrect++;
      else problems.push(`speaker ${g.speaker_canonical ?? g.speaker} → ${p}`);
    }
    if (problems.length) c.errors.push(`  [${i}] ${segText.slice(0, 70)}\n      ${problems.join("; ")}`);
  });
}

export interface Scores {
  segments: number;
  sourcingAccuracy: number;
  sourcingMacroF1: number;
  perClassF1: Partial<Record<Sourcing, number>>;
  quotes: { exact: Prf; overlap50: Prf };
  speakerAccuracy: number;
  speakers: number;
  boundaries: Prf;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

function prf(matched: number, predicted: number, gold: number): Prf {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : matched / predicted;
  const recall = gold === 0 ? 1 : matched / gold;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Figures from counts. Macro-F1 averages the classes present in the fixtures or the predictions. */
export function scores(c: Counts): Scores {
  const perClassF1: Partial<Record<Sourcing, number>> = {};
  for (const v of SOURCING_VALUES) {
    const gold = SOURCING_VALUES.reduce((n, p) => n + c.confusion[v][p], 0);
    const predicted = SOURCING_VALUES.reduce((n, g) => n + c.confusion[g][v], 0);
    if (gold === 0 && predicted === 0) continue;
    perClassF1[v] = prf(c.confusion[v][v], predicted, gold).f1;
  }
  const f1s = Object.values(perClassF1);
  return {
    segments: c.segments,
    sourcingAccuracy: c.segments ? c.sourcingCorrect / c.segments : 0,
    sourcingMacroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perClassF1,
    quotes: {
      exact: prf(c.quotesExact, c.quotesPredicted, c.quotesGold),
      overlap50: prf(c.quotesOverlap, c.quotesPredicted, c.quotesGold),
    },
    speakerAccuracy: c.speakersGold ? c.speakersCorrect / c.speakersGold : 1,
    speakers: c.speakersGold,
    boundaries: prf(c.boundariesMatched, c.boundariesPredicted, c.boundariesGold),
  };
}

/** Adds `b` into `a`. */
export function addCounts(a: Counts, b: Counts): void {
  for (const k of Object.keys(a) as (keyof Counts)[]) {
    const v = b[k];
    if (typeof v === "number") (a[k] as number) += v;
  }
  for (const g of SOURCING_VALUES) for (const p of SOURCING_VALUES) a.confusion[g][p] += b.confusion[g][p];
}
