/**
 * Outlet-blind masking: occurrences of an outlet's names (and an author's) in a text are replaced
 * at display time ("Source: TRTWorld and agencies" → "Source: [outlet] and agencies"). The stored
 * text and its offsets never change: `maskText` returns the masked text with the replacements it
 * made, and `toOriginal` / `toMasked` map offsets between the two, so a span selected on the
 * masked text is stored with the original offsets.
 *
 * Matching is case-insensitive (each code point lower-cased to one code point), treats every
 * whitespace character as a space, and takes whole words only: a term is not matched inside a
 * longer word ("TRT" is not masked in "TRTWorld" unless "TRTWorld" is a term too). Overlapping
 * matches ("TRT World" and "World News" in "TRT World News") are masked as one. All terms are
 * found in one pass (Aho–Corasick), linear in the text for a given set of terms.
 */

export interface MaskTerm {
  /** The name to hide, e.g. an outlet's name or one of its aliases. */
  text: string;
  /** What the reader sees instead, e.g. "[outlet]". */
  placeholder: string;
}

/** One masked region: original [start, end) shown as masked [maskedStart, maskedEnd). UTF-16 code units. */
export interface Replacement {
  start: number;
  end: number;
  maskedStart: number;
  maskedEnd: number;
}

export interface MaskedText {
  text: string;
  /** In text order, not overlapping. Empty when nothing was masked. */
  replacements: Replacement[];
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const SPACE = /\s/u;
const isWordChar = (cp: number | undefined) => cp !== undefined && WORD.test(String.fromCodePoint(cp));

/** One code point for one code point (so offsets stay put): lower case, every whitespace a space. */
function fold(cp: number): number {
  if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp === 9 || cp === 10 || cp === 13 ? 32 : cp;
  const ch = String.fromCodePoint(cp);
  if (SPACE.test(ch)) return 32;
  // "İ".toLowerCase() is "i̇" (two code points): its first one, "i", is the letter readers match.
  return ch.toLowerCase().codePointAt(0)!;
}

/** A term as the code points it matches: folded, trimmed, inner whitespace runs as one space. */
function foldTerm(text: string): number[] {
  const out: number[] = [];
  for (const ch of text.trim()) {
    const f = fold(ch.codePointAt(0)!);
    if (f === 32 && out[out.length - 1] === 32) continue;
    out.push(f);
  }
  return out;
}

interface Pattern {
  length: number;
  placeholder: string;
  /** Whether the term starts / ends with a word character (then the text must not go on with one). */
  wordStart: boolean;
  wordEnd: boolean;
}

/** An Aho–Corasick automaton over folded code points; build once per set of terms, run on many texts. */
export class Masker {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern ending at the node, and the nearest node on the fail chain that ends one (-1: none). */
  private readonly ends: number[] = [-1];
  private readonly dict: number[] = [-1];
  private readonly patterns: Pattern[] = [];

  constructor(terms: readonly MaskTerm[]) {
    const seen = new Set<string>();
    for (const t of terms) {
      const cps = foldTerm(t.text);
      const key = cps.join(",");
      if (!cps.length || seen.has(key)) continue;
      seen.add(key);
      let node = 0;
      for (const c of cps) {
        let to = this.next[node]!.get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.ends.push(-1);
          this.dict.push(-1);
          this.next[node]!.set(c, to);
        }
        node = to;
      }
      this.ends[node] = this.patterns.length;
      this.patterns.push({
        length: cps.length,
        placeholder: t.placeholder,
        wordStart: isWordChar(cps[0]),
        wordEnd: isWordChar(cps.at(-1)),
      });
    }
    // Breadth-first: fail links, then dictionary links to the longest proper suffix that is a pattern.
    const queue = [...this.next[0]!.values()];
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi]!;
      for (const [c, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const to = this.next[f]!.get(c);
        this.fail[child] = to !== undefined && to !== child ? to : 0;
        const fc = this.fail[child]!;
        this.dict[child] = this.ends[fc]! >= 0 ? fc : this.dict[fc]!;
        queue.push(child);
      }
    }
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  mask(text: string): MaskedText {
    if (this.empty || !text) return { text, replacements: [] };
    // Code point index → UTF-16 offset of its start (one extra entry: the text's length).
    const starts = new Int32Array(text.length + 1);
    // Per UTF-16 start offset: the furthest end of a match starting there (0: none) and its placeholder.
    const furthest = new Int32Array(text.length + 1);
    const placeholderAt = new Map<number, string>();
    let n = 0;
    let node = 0;
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      starts[n++] = i;
      const c = fold(cp);
      while (node !== 0 && !this.next[node]!.has(c)) node = this.fail[node]!;
      node = this.next[node]!.get(c) ?? 0;
      i += width;
      for (let m = this.ends[node]! >= 0 ? node : this.dict[node]!; m >= 0; m = this.dict[m]!) {
        const p = this.patterns[this.ends[m]!]!;
        const first = n - p.length;
        const start = starts[first]!;
        if (p.wordStart && first > 0 && isWordChar(text.codePointAt(starts[first - 1]!))) continue;
        if (p.wordEnd && isWordChar(text.codePointAt(i))) continue;
        if (i > furthest[start]!) {
          furthest[start] = i;
          placeholderAt.set(start, p.placeholder);
        }
      }
    }
    // Left to right, overlapping matches merged into one region (the first one's placeholder).
    const regions: { start: number; end: number; placeholder: string }[] = [];
    for (const [start, placeholder] of [...placeholderAt].sort((a, b) => a[0] - b[0])) {
      const end = furthest[start]!;
      const last = regions[regions.length - 1];
      if (last && start < last.end) last.end = Math.max(last.end, end);
      else regions.push({ start, end, placeholder });
    }
    let out = "";
    let at = 0;
    const replacements: Replacement[] = [];
    for (const r of regions) {
      out += text.slice(at, r.start);
      const maskedStart = out.length;
      out += r.placeholder;
      replacements.push({ start: r.start, end: r.end, maskedStart, maskedEnd: out.length });
      at = r.end;
    }
    return { text: out + text.slice(at), replacements };
  }
}

/** Masks `text` with `terms` (build a Masker to mask many texts with the same terms). */
export function maskText(text: string, terms: readonly MaskTerm[]): MaskedText {
  return new Masker(terms).mask(text);
}

/** The last replacement whose `key` is at or before `offset` (binary search), or undefined. */
function lastAtOrBefore(replacements: readonly Replacement[], offset: number, key: "start" | "maskedStart") {
  let lo = 0;
  let hi = replacements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (replacements[mid]![key] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? replacements[lo - 1] : undefined;
}

/**
 * A masked offset as an original one. An offset inside a placeholder goes to the start of the
 * hidden name when it starts a range (`side` "start") and to its end when it ends one, so a
 * selection touching a placeholder covers the whole name.
 */
export function toOriginal(replacements: readonly Replacement[], masked: number, side: "start" | "end"): number {
  const r = lastAtOrBefore(replacements, masked, "maskedStart");
  if (!r) return masked;
  if (masked >= r.maskedEnd) return r.end + (masked - r.maskedEnd);
  if (masked === r.maskedStart) return r.start;
  return side === "start" ? r.start : r.end;
}

/** An original offset as a masked one; inside a hidden name: the placeholder's start or end, as above. */
export function toMasked(replacements: readonly Replacement[], original: number, side: "start" | "end"): number {
  const r = lastAtOrBefore(replacements, original, "start");
  if (!r) return original;
  if (original >= r.end) return r.maskedEnd + (original - r.end);
  if (original === r.start) return r.maskedStart;
  return side === "start" ? r.maskedStart : r.maskedEnd;
}

/** A range of the masked text as a range of the original text. */
export function rangeToOriginal(replacements: readonly Replacement[], range: { start: number; end: number }) {
  return { start: toOriginal(replacements, range.start, "start"), end: toOriginal(replacements, range.end, "end") };
}

/** A range of the original text as a range of the masked text. */
export function rangeToMasked(replacements: readonly Replacement[], range: { start: number; end: number }) {
  return { start: toMasked(replacements, range.start, "start"), end: toMasked(replacements, range.end, "end") };
}

/** A label value with its spans (objects with numeric start and end) mapped by `f`; other values as they are. */
export function mapSpans(value: unknown, f: (range: { start: number; end: number }) => { start: number; end: number }): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((s: unknown) =>
    s && typeof s === "object" && typeof (s as { start?: unknown }).start === "number" && typeof (s as { end?: unknown }).end === "number"
      ? { ...s, ...f(s as { start: number; end: number }) }
      : s,
  );
}
