/**
 * News-aware sentence segmentation.
 *
 * `segmentText` splits a document into sentences (and headlines, captions, list items...) on top
 * of `Intl.Segmenter`. Offsets are UTF-16 code units into the text, [start, end), with leading
 * and trailing whitespace excluded; the text between segments is whitespace only, so the segments
 * and the gaps reproduce the text exactly. Boilerplate is flagged, never removed.
 *
 * Steps: paragraphs (a blank line always ends a segment) → blocks of lines (a single line break
 * ends a segment after headlines and bullet items, see `lineEndsSegment`) → Intl sentence breaks
 * inside each block, with line breaks read as spaces → undo breaks after abbreviations, initials,
 * before lower-case text, after a quote's comma and before a credit (`shouldJoin`) → boilerplate.
 */
import { detectBoilerplate, type BoilerplateReason, type LineInfo } from "./boilerplate";
import { inlineDatelineLength, segmentKinds, type SegmentKind } from "./kinds";
import { LINE_BREAK, lineEndsSegment, shouldJoin, type Range } from "./rules";
import { findQuotes, isAttributionOnly, startsWithAttribution } from "../quotes";

export type { BoilerplateReason } from "./boilerplate";
export { SEGMENT_KINDS, segmentKinds, type SegmentKind } from "./kinds";

export interface Segment {
  start: number;
  end: number;
  /** headline, heading, dateline, sentence, caption or boilerplate (see kinds.ts). */
  kind: SegmentKind;
  /** 0-based index of the paragraph (blank-line separated) the segment is in. */
  paragraph: number;
  isBoilerplate: boolean;
  boilerplateReason: BoilerplateReason | null;
}

export interface SegmentOptions {
  /** BCP 47 language tag of the text (default "en"); an invalid tag falls back to "en". */
  language?: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

function sentenceSegmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    try {
      s = new Intl.Segmenter(language, { granularity: "sentence" });
    } catch {
      s = new Intl.Segmenter("en", { granularity: "sentence" });
    }
    segmenters.set(language, s);
  }
  return s;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/** [start, end) narrowed to exclude surrounding whitespace; null when nothing is left. */
function trim(text: string, start: number, end: number): Range | null {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return start < end ? { start, end } : null;
}

/** Paragraphs: separated by whitespace that holds two or more line breaks (or U+2029). */
export function splitParagraphs(text: string): Range[] {
  const out: Range[] = [];
  let paraStart = 0;
  // Only whitespace runs of two or more characters (or a lone U+2029) can hold a paragraph break:
  // skipping the single spaces between words keeps this linear in runs, not in words. Each match
  // is still a maximal run, as with /\s+/, because a run is matched from its first character.
  for (const m of text.matchAll(/\s\s+|\u2029/gu)) {
    const breaks = m[0].match(LINE_BREAK)?.length ?? 0;
    if (breaks >= 2 || m[0].includes("\u2029")) {
      const r = trim(text, paraStart, m.index);
      if (r) out.push(r);
      paraStart = m.index + m[0].length;
    }
  }
  const last = trim(text, paraStart, text.length);
  if (last) out.push(last);
  return out;
}

function splitLines(text: string, para: Range, paragraph: number): LineInfo[] {
  const out: LineInfo[] = [];
  const body = text.slice(para.start, para.end);
  let from = 0;
  for (const m of body.matchAll(LINE_BREAK)) {
    const r = trim(text, para.start + from, para.start + m.index);
    if (r) out.push({ ...r, paragraph });
    from = m.index + m[0].length;
  }
  const r = trim(text, para.start + from, para.end);
  if (r) out.push({ ...r, paragraph });
  return out;
}

/**
 * Sentence boundaries of `body` (excluding 0 and body.length), from Intl.Segmenter.
 *
 * V8's sentence iterator gets quadratic on long strings (20,000 sentences in one string take
 * seconds), so long bodies are read through overlapping windows: a boundary is kept only when it
 * has at least `margin` code units of context on both sides inside its window, which makes the
 * result the same as one pass for any realistic text, at linear cost.
 */
export function sentenceBreaks(segmenter: Intl.Segmenter, body: string, window = 2000, margin = 200): number[] {
  const out: number[] = [];
  const len = body.length;
  let p = 0;
  while (p < len) {
    const ctxStart = Math.max(0, p - margin);
    const ctxEnd = Math.min(len, ctxStart + window);
    const limit = ctxEnd === len ? len : ctxEnd - margin;
    for (const s of segmenter.segment(ctxStart === 0 && ctxEnd === len ? body : body.slice(ctxStart, ctxEnd))) {
      const b = ctxStart + s.index;
      if (b >= limit) break;
      if (b > 0 && b >= p) out.push(b);
    }
    p = limit;
  }
  return out;
}

function sentencesInBlock(text: string, block: Range, segmenter: Intl.Segmenter): Range[] {
  // Line breaks inside a block are read as spaces (same length, so offsets are unchanged).
  const body = text.slice(block.start, block.end).replace(/[\n\r\u2028\u0085]/g, " ");
  const pieces: Range[] = [];
  let from = 0;
  for (const b of [...sentenceBreaks(segmenter, body), body.length]) {
    const r = trim(text, block.start + from, block.start + b);
    if (r) pieces.push(r);
    from = b;
  }
  const out: Range[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev && shouldJoin(text, prev, p)) prev.end = p.end;
    else out.push({ ...p });
  }
  return joinQuotesBeforeAttribution(text, block, out);
}

/**
 * A quotation followed by its attribution is one unit of sourcing, however many sentences it
 * quotes: `"A. B," Aliyev said.` is one segment. A quotation whose attribution comes before it,
 * or that has none, keeps its sentence breaks. `pieces` are the sentences of `block`, in order.
 */
function joinQuotesBeforeAttribution(text: string, block: Range, pieces: Range[]): Range[] {
  if (pieces.length < 2) return pieces;
  const quotes = findQuotes(text, block.start, block.end).filter((q) => q.close >= 0);
  if (quotes.length === 0) return pieces;
  const out: Range[] = [];
  let qi = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = { ...pieces[i]! };
    // A quotation opening in this piece and closing in a later one (or at its end), attributed right after.
    while (qi < quotes.length && quotes[qi]!.open < piece.end) {
      const q = quotes[qi++]!;
      if (q.open < piece.start || q.close < piece.end - 1) continue;
      let j = i;
      while (j + 1 < pieces.length && pieces[j]!.end <= q.close) j++;
      let last = pieces[j]!;
      // `"A. B." Aliyev said.`: the quotation ends its sentence; the next one is only its attribution.
      const next = pieces[j + 1];
      if (last.end === q.close + 1 && next && isAttributionOnly(text.slice(next.start, next.end))) last = next;
      else if (j === i || !startsWithAttribution(text.slice(q.close + 1, last.end))) continue;
      piece.end = last.end;
      i = pieces.indexOf(last);
      while (qi < quotes.length && quotes[qi]!.open < piece.end) qi++;
    }
    out.push(piece);
  }
  return out;
}

/** Split `text` into segments. Never throws; linear in the length of the text. */
export function segmentText(text: string, opts: SegmentOptions = {}): Segment[] {
  const segmenter = sentenceSegmenter(opts.language || "en");
  const paragraphs = splitParagraphs(text);
  const allLines: LineInfo[] = [];
  const ranges: (Range & { paragraph: number; dateline: boolean })[] = [];

  paragraphs.forEach((para, paragraph) => {
    const lines = splitLines(text, para, paragraph);
    allLines.push(...lines);
    let blockStart: number | null = null;
    lines.forEach((line, i) => {
      blockStart ??= line.start;
      const next = lines[i + 1];
      if (next && !lineEndsSegment(text.slice(line.start, line.end), text.slice(next.start, next.end))) return;
      sentencesInBlock(text, { start: blockStart, end: line.end }, segmenter).forEach((s, k) => {
        // "ANKARA, Turkey (AP) — Turkey's foreign minister said …": the dateline is a segment of its own.
        const dateline = k === 0 && s.start === para.start ? inlineDatelineLength(text.slice(s.start, Math.min(s.end, s.start + 120))) : 0;
        const rest = dateline ? trim(text, s.start + dateline, s.end) : null;
        if (rest) {
          ranges.push({ start: s.start, end: s.start + dateline, paragraph, dateline: true });
          ranges.push({ ...rest, paragraph, dateline: false });
        } else ranges.push({ ...s, paragraph, dateline: false });
      });
      blockStart = null;
    });
  });

  const reasons = detectBoilerplate(text, ranges, allLines, paragraphs);
  const lineEdges = new Set(allLines.map((l) => `${l.start}:${l.end}`));
  const kinds = segmentKinds(
    text,
    ranges.map((r, i) => ({ ...r, reason: reasons[i] ?? null, wholeLine: lineEdges.has(`${r.start}:${r.end}`) })),
  );
  return ranges.map((r, i) => {
    const reason = reasons[i] ?? null;
    return {
      start: r.start,
      end: r.end,
      kind: kinds[i]!,
      paragraph: r.paragraph,
      isBoilerplate: reason !== null,
      boilerplateReason: reason,
    };
  });
}

export interface SegmentStats {
  segments: number;
  /** Segments that are not boilerplate (what annotators label). */
  sentences: number;
  boilerplate: number;
  paragraphs: number;
  byReason: Partial<Record<BoilerplateReason, number>>;
}

export function segmentStats(segments: readonly Segment[]): SegmentStats {
  const byReason: Partial<Record<BoilerplateReason, number>> = {};
  const paragraphs = new Set<number>();
  let boilerplate = 0;
  for (const s of segments) {
    paragraphs.add(s.paragraph);
    if (s.isBoilerplate) {
      boilerplate++;
      if (s.boilerplateReason) byReason[s.boilerplateReason] = (byReason[s.boilerplateReason] ?? 0) + 1;
    }
  }
  return { segments: segments.length, sentences: segments.length - boilerplate, boilerplate, paragraphs: paragraphs.size, byReason };
}
