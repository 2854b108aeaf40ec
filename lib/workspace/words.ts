/** Word ranges of text[start, end) as absolute UTF-16 offsets, for keyboard span selection. */
export function wordRanges(text: string, start: number, end: number): { start: number; end: number }[] {
  const seg = new Intl.Segmenter("und", { granularity: "word" });
  const out: { start: number; end: number }[] = [];
  for (const w of seg.segment(text.slice(start, end))) {
    if (w.isWordLike) out.push({ start: start + w.index, end: start + w.index + w.segment.length });
  }
  return out;
}

type Word = { start: number; end: number };

/**
 * The keyboard's word caret in the current sentence: `focus` is the word the caret is on, `anchor`
 * where a Shift-selection started (equal when nothing is extended). Word indices into wordRanges.
 * The selection is always the words from anchor to focus, so a bare caret selects its word.
 */
export interface Caret {
  anchor: number;
  focus: number;
}

export type CaretMove = "left" | "right" | "extendLeft" | "extendRight";

/** ←/→ move the caret a word (collapsing the selection); Shift+←/→ move the focus and keep the anchor. No caret yet: → starts on the first word, ← on the last. */
export function moveCaret(words: readonly Word[], caret: Caret | null, move: CaretMove): Caret | null {
  const n = words.length;
  if (n === 0) return null;
  if (!caret) {
    const i = move === "right" || move === "extendRight" ? 0 : n - 1;
    return { anchor: i, focus: i };
  }
  const step = move === "right" || move === "extendRight" ? 1 : -1;
  const focus = Math.min(n - 1, Math.max(0, caret.focus + step));
  return move === "extendLeft" || move === "extendRight" ? { anchor: caret.anchor, focus } : { anchor: focus, focus };
}

/** The text range the caret selects: from the first to the last word between anchor and focus. */
export function caretSelection(words: readonly Word[], caret: Caret | null): Word | null {
  if (!caret || words.length === 0) return null;
  const a = words[Math.min(caret.anchor, caret.focus)];
  const b = words[Math.max(caret.anchor, caret.focus)];
  return a && b ? { start: a.start, end: b.end } : null;
}

/** The caret over the words a (mouse) selection touches, so the keyboard can go on from it. */
export function caretFromSelection(words: readonly Word[], sel: Word | null): Caret | null {
  if (!sel) return null;
  const first = words.findIndex((w) => w.end > sel.start);
  let last = -1;
  for (let i = words.length - 1; i >= 0; i--)
    if (words[i]!.start < sel.end) {
      last = i;
      break;
    }
  return first === -1 || last < first ? null : { anchor: first, focus: last };
}

/** Case- and accent-insensitive form for matching what is typed against words. */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

/**
 * Type-to-find: the index of the next word (direction `dir`, wrapping around the sentence) whose
 * text starts with `query`, looking at `from` itself first when `inclusive`; -1 when none does.
 */
export function findWord(text: string, words: readonly Word[], query: string, from: number, dir: 1 | -1, inclusive: boolean): number {
  const q = fold(query);
  const n = words.length;
  if (!q || n === 0) return -1;
  for (let k = inclusive ? 0 : 1; k <= n; k++) {
    const i = (((from + dir * k) % n) + n) % n;
    const w = words[i]!;
    if (fold(text.slice(w.start, w.end)).startsWith(q)) return i;
  }
  return -1;
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
