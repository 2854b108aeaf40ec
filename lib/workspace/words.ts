/** Word ranges of text[start, end) as absolute UTF-16 offsets, for keyboard span selection. */
export function wordRanges(text: string, start: number, end: number): { start: number; end: number }[] {
  const seg = new Intl.Segmenter("und", { granularity: "word" });
  const out: { start: number; end: number }[] = [];
  for (const w of seg.segment(text.slice(start, end))) {
    if (w.isWordLike) out.push({ start: start + w.index, end: start + w.index + w.segment.length });
  }
  return out;
}

/**
 * Keyboard selection over words: extend or shrink the end by one word, or move the start.
 * `sel` null starts a selection at the first word.
 */
export function adjustSelection(
  words: { start: number; end: number }[],
  sel: { start: number; end: number } | null,
  move: "extend" | "shrink" | "startRight" | "startLeft",
): { start: number; end: number } | null {
  if (words.length === 0) return null;
  if (!sel) return move === "shrink" || move === "startLeft" ? null : { start: words[0]!.start, end: words[0]!.end };
  const si = Math.max(
    0,
    words.findIndex((w) => w.end > sel.start),
  );
  let ei = words.length - 1;
  for (let i = words.length - 1; i >= 0; i--)
    if (words[i]!.start < sel.end) {
      ei = i;
      break;
    }
  if (move === "extend") ei = Math.min(words.length - 1, ei + 1);
  if (move === "shrink") ei = ei - 1;
  if (move === "startRight") {
    if (si + 1 > ei) ei = Math.min(words.length - 1, si + 1);
    return { start: words[Math.min(words.length - 1, si + 1)]!.start, end: words[ei]!.end };
  }
  if (move === "startLeft") return { start: words[Math.max(0, si - 1)]!.start, end: words[ei]!.end };
  if (ei < si) return null;
  return { start: words[si]!.start, end: words[ei]!.end };
}

/** Adds a span, merging it with overlapping or touching spans of the same label; sorted by start. */
export function addSpan<T extends { start: number; end: number; label: string }>(spans: readonly T[], add: T): T[] {
  let merged = { ...add };
  const rest: T[] = [];
  for (const s of spans) {
    if (s.label === merged.label && s.start <= merged.end && merged.start <= s.end) {
      merged = { ...merged, start: Math.min(s.start, merged.start), end: Math.max(s.end, merged.end) };
    } else rest.push(s);
  }
  return [...rest, merged].sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
}
