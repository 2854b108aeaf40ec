/**
 * Editing a document's segmentation by hand: where a sentence may be split, and what happens to
 * span labels when it is. Offsets are UTF-16 code units into the document text; a split keeps the
 * invariant of `segmentText` (segments exclude surrounding whitespace, the gaps are whitespace).
 */

export interface Range {
  start: number;
  end: number;
}

/** A split of one segment: the two parts, and the whitespace gap between them (in neither). */
export interface SplitPlan {
  first: Range;
  second: Range;
}

export interface Span extends Range {
  label: string;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
/** A sentence end glued to the next sentence ("said.The"): the word segmenter sees one word there. */
const GLUED_SENTENCE_END = /[.!?…]+["'”’)\]]*(?=["'“‘(\[]?\p{Lu})/gu;

let wordSegmenter: Intl.Segmenter | undefined;

/** Offsets strictly inside `seg` where a split may fall: word boundaries and glued sentence ends. */
function boundaries(text: string, seg: Range): number[] {
  wordSegmenter ??= new Intl.Segmenter("und", { granularity: "word" });
  const body = text.slice(seg.start, seg.end);
  const out = new Set<number>();
  for (const p of wordSegmenter.segment(body)) if (p.index > 0) out.add(seg.start + p.index);
  for (const m of body.matchAll(GLUED_SENTENCE_END)) out.add(seg.start + m.index + m[0].length);
  return [...out].filter((b) => b > seg.start && b < seg.end).sort((a, b) => a - b);
}

/**
 * Where splitting `seg` at `at` puts the two parts. An offset inside a word (or grapheme) snaps
 * to the nearest word boundary (ties go left); the whitespace around the boundary becomes the gap.
 * Fails with a sentence a person can act on when a part would be empty or whitespace only.
 */
export function planSplit(text: string, seg: Range, at: number): { ok: true; plan: SplitPlan } | { ok: false; error: string } {
  if (!Number.isSafeInteger(at) || at <= seg.start || at >= seg.end) {
    return {
      ok: false,
      error: `The split point ${at} is not strictly inside the sentence (offsets ${seg.start}–${seg.end}); choose a point between two of its words`,
    };
  }
  let b = at;
  if (!isSpace(text[at - 1]) && !isSpace(text[at])) {
    const bounds = [seg.start, ...boundaries(text, seg), seg.end];
    if (!bounds.includes(at)) b = bounds.reduce((best, x) => (Math.abs(x - at) < Math.abs(best - at) ? x : best));
  }
  let firstEnd = b;
  while (firstEnd > seg.start && isSpace(text[firstEnd - 1])) firstEnd--;
  let secondStart = b;
  while (secondStart < seg.end && isSpace(text[secondStart])) secondStart++;
  const snapped = b === at ? "" : ` (inside a word, so it snaps to the word boundary at ${b})`;
  if (firstEnd <= seg.start)
    return {
      ok: false,
      error: `Splitting at ${at}${snapped} would leave the first part empty or whitespace only; choose a point between two words`,
    };
  if (secondStart >= seg.end)
    return {
      ok: false,
      error: `Splitting at ${at}${snapped} would leave the second part empty or whitespace only; choose a point between two words`,
    };
  return { ok: true, plan: { first: { start: seg.start, end: firstEnd }, second: { start: secondStart, end: seg.end } } };
}

/**
 * The split points a person is offered for `seg`, in order: every gap between words, and every
 * sentence end glued to the next sentence ("said.The"). `at` is the start of the second part.
 */
export function splitCandidates(text: string, seg: Range): (SplitPlan & { at: number })[] {
  const glued = new Set([...text.slice(seg.start, seg.end).matchAll(GLUED_SENTENCE_END)].map((m) => seg.start + m.index + m[0].length));
  const out: (SplitPlan & { at: number })[] = [];
  for (const b of boundaries(text, seg)) {
    if (!isSpace(text[b - 1]) && !isSpace(text[b]) && !glued.has(b)) continue;
    const r = planSplit(text, seg, b);
    if (!r.ok) continue;
    const last = out[out.length - 1];
    if (last && last.first.end === r.plan.first.end && last.second.start === r.plan.second.start) continue;
    out.push({ ...r.plan, at: r.plan.second.start });
  }
  return out;
}

/** Is this stored label value a list of spans ({ start, end, label }), possibly empty? */
export function isSpanList(v: unknown): v is Span[] {
  return (
    Array.isArray(v) &&
    v.every(
      (s) => typeof s === "object" && s !== null && typeof s.start === "number" && typeof s.end === "number" && typeof s.label === "string",
    )
  );
}

export interface SpanSplit {
  first: Span[];
  second: Span[];
  /** Spans wholly inside the second part: they move with their text. */
  moved: number;
  /** Spans across the split point: cut back to the part their start is in. */
  clipped: number;
}

/**
 * Spans follow their text: a span inside the first part stays, one inside the second part moves,
 * one across the split point is clipped to the part that holds its start (in practice the first:
 * stored spans never start in whitespace). Clipping never leaves an empty span, since both parts
 * end on non-whitespace.
 */
export function splitSpans(spans: readonly Span[], plan: SplitPlan): SpanSplit {
  const out: SpanSplit = { first: [], second: [], moved: 0, clipped: 0 };
  for (const s of spans) {
    if (s.end <= plan.first.end) out.first.push({ ...s });
    else if (s.start >= plan.second.start) {
      out.second.push({ ...s });
      out.moved++;
    } else if (s.start < plan.first.end) {
      out.first.push({ ...s, end: plan.first.end });
      out.clipped++;
    } else {
      out.second.push({ ...s, start: plan.second.start });
      out.clipped++;
    }
  }
  return out;
}

/** The spans of two lists together, sorted, overlapping spans of one label joined. */
export function unionSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const all = [...a, ...b].sort((x, y) => x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
  const out: Span[] = [];
  const last = new Map<string, Span>();
  for (const s of all) {
    const prev = last.get(s.label);
    if (prev && s.start < prev.end) {
      prev.end = Math.max(prev.end, s.end);
      continue;
    }
    const copy = { start: s.start, end: s.end, label: s.label };
    out.push(copy);
    last.set(s.label, copy);
  }
  return out;
}
