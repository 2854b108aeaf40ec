import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { maskText, rangeToOriginal, toMasked, toOriginal, type MaskTerm, type Replacement } from "./mask";

const outlet = (...names: string[]): MaskTerm[] => names.map((text) => ({ text, placeholder: "[outlet]" }));

describe("maskText", () => {
  it("masks the outlet's name and aliases, whole words, any case", () => {
    const terms = outlet("TRT World", "TRTWorld");
    expect(maskText("Source: TRTWorld and agencies", terms).text).toBe("Source: [outlet] and agencies");
    expect(maskText("trt world said; TRT WORLD too", terms).text).toBe("[outlet] said; [outlet] too");
    // Not inside longer words.
    expect(maskText("TRTWorldwide and xTRT World", terms).text).toBe("TRTWorldwide and xTRT World");
    // A non-breaking space in the text matches the space of the name.
    expect(maskText("TRT\u00a0World reported", terms).text).toBe("[outlet] reported");
  });

  it("takes the longest and merges overlapping aliases", () => {
    expect(maskText("TRT World News today", outlet("TRT", "TRT World", "World News")).text).toBe("[outlet] today");
    expect(maskText("the TRT site", outlet("TRT", "TRT World")).text).toBe("the [outlet] site");
  });

  it("keeps offsets of everything around the masked names", () => {
    const text = "😀 TRT World: 𝐀 TRT";
    const m = maskText(text, outlet("trt world", "TRT"));
    expect(m.text).toBe("😀 [outlet]: 𝐀 [outlet]");
    expect(m.replacements).toEqual([
      { start: 3, end: 12, maskedStart: 3, maskedEnd: 11 },
      { start: 17, end: 20, maskedStart: 16, maskedEnd: 24 },
    ]);
    // "World" selected on the masked text is a range of the original around the whole name.
    expect(rangeToOriginal(m.replacements, { start: 5, end: 8 })).toEqual({ start: 3, end: 12 });
    expect(rangeToOriginal(m.replacements, { start: 13, end: 15 })).toEqual({ start: 14, end: 16 });
  });

  it("needs no boundary where the name itself starts or ends with punctuation", () => {
    expect(maskText("via @trtworld.", outlet("@TRTWorld")).text).toBe("via [outlet].");
    expect(maskText("x@trtworld", outlet("@TRTWorld")).text).toBe("x[outlet]");
  });

  it("leaves the text alone without terms", () => {
    expect(maskText("TRT World", [])).toEqual({ text: "TRT World", replacements: [] });
    expect(maskText("TRT World", outlet("  "))).toEqual({ text: "TRT World", replacements: [] });
  });
});

// --- properties: the automaton against a naive matcher on random texts --------------------------

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const fold = (ch: string) => (/\s/u.test(ch) ? " " : String.fromCodePoint(ch.toLowerCase().codePointAt(0)!));

/** The same rules, quadratic and obvious: every whole-word occurrence of every term, overlaps merged. */
function naiveRegions(text: string, terms: string[]): [number, number][] {
  const cps = [...text];
  const offsets: number[] = [];
  let o = 0;
  for (const c of cps) {
    offsets.push(o);
    o += c.length;
  }
  offsets.push(o);
  const found: [number, number][] = [];
  for (const term of terms) {
    const t = [...term.trim()].map(fold).join("").replace(/ +/g, " ");
    const tc = [...t];
    if (!tc.length) continue;
    for (let i = 0; i + tc.length <= cps.length; i++) {
      if (!tc.every((c, k) => fold(cps[i + k]!) === c)) continue;
      if (WORD.test(tc[0]!) && i > 0 && WORD.test(cps[i - 1]!)) continue;
      if (WORD.test(tc.at(-1)!) && i + tc.length < cps.length && WORD.test(cps[i + tc.length]!)) continue;
      found.push([offsets[i]!, offsets[i + tc.length]!]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of found) {
    const last = merged[merged.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

// A small alphabet so names recur: letters in both cases, non-BMP letters and emoji, spaces, punctuation.
const alphabet = ["a", "A", "b", "B", "é", "É", "İ", "i", " ", "\u00a0", ".", "-", "𝐀", "😀", "1"];
const textArb = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((a) => a.join(""));
const termArb = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 5 }).map((a) => a.join(""));
const termsArb = fc.array(termArb, { minLength: 1, maxLength: 4 });

describe("maskText properties", () => {
  it("masks exactly the regions the naive matcher finds", () => {
    fc.assert(
      fc.property(textArb, termsArb, (text, terms) => {
        const m = maskText(
          text,
          terms.map((t) => ({ text: t, placeholder: "[o]" })),
        );
        expect(m.replacements.map((r) => [r.start, r.end])).toEqual(naiveRegions(text, terms));
      }),
      { numRuns: 2000 },
    );
  });

  it("the masked text is the original with each region replaced; offsets map back outside them", () => {
    fc.assert(
      fc.property(textArb, termsArb, (text, terms) => {
        const { text: masked, replacements } = maskText(
          text,
          terms.map((t) => ({ text: t, placeholder: "[o]" })),
        );
        let rebuilt = "";
        let at = 0;
        for (const r of replacements) {
          rebuilt += text.slice(at, r.start);
          expect(masked.slice(r.maskedStart, r.maskedEnd)).toBe("[o]");
          expect(r.maskedStart).toBe(rebuilt.length);
          rebuilt += "[o]";
          at = r.end;
        }
        expect(rebuilt + text.slice(at)).toBe(masked);
        // Every original offset outside a hidden name survives the round trip.
        const inside = (o: number) => replacements.some((r: Replacement) => o > r.start && o < r.end);
        for (let o = 0; o <= text.length; o++) {
          if (inside(o)) continue;
          for (const side of ["start", "end"] as const) expect(toOriginal(replacements, toMasked(replacements, o, side), side)).toBe(o);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("a range selected on the masked text maps to the same text, whole names where it touches a placeholder", () => {
    fc.assert(
      fc.property(textArb, termsArb, fc.nat(), fc.nat(), (text, terms, x, y) => {
        const { text: masked, replacements } = maskText(
          text,
          terms.map((t) => ({ text: t, placeholder: "[o]" })),
        );
        const a = Math.min(x, y) % (masked.length + 1);
        const b = a + (Math.max(x, y) % (masked.length + 1 - a));
        const r = rangeToOriginal(replacements, { start: a, end: b });
        expect(r.start).toBeLessThanOrEqual(r.end);
        // Masking the mapped original range's text gives back the selection, placeholders widened to whole.
        const back = maskText(
          text,
          terms.map((t) => ({ text: t, placeholder: "[o]" })),
        );
        const ms = toMasked(back.replacements, r.start, "start");
        const me = toMasked(back.replacements, r.end, "end");
        expect(ms).toBeLessThanOrEqual(a);
        expect(me).toBeGreaterThanOrEqual(b);
        // No name is cut: a mapped range never starts or ends inside a hidden name.
        for (const rep of replacements) {
          expect(r.start > rep.start && r.start < rep.end).toBe(false);
          expect(r.end > rep.start && r.end < rep.end).toBe(false);
        }
        // Outside placeholders the selected text is the original text.
        const touches = replacements.some((rep) => a < rep.maskedEnd && b > rep.maskedStart);
        if (!touches) expect(text.slice(r.start, r.end)).toBe(masked.slice(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves no whole-word occurrence of a name behind", () => {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/-/g, "\\x2d");
    fc.assert(
      fc.property(textArb, termsArb, (text, terms) => {
        const masked = maskText(
          text,
          terms.map((t) => ({ text: t, placeholder: "[o]" })),
        ).text;
        for (const t of terms) {
          const core = t.trim();
          if (!core || /\s{2}/u.test(core) || /[\[\]o]/i.test(core)) continue;
          const pre = WORD.test([...core][0]!) ? "(?<![\\p{L}\\p{N}\\p{M}_])" : "";
          const post = WORD.test([...core].at(-1)!) ? "(?![\\p{L}\\p{N}\\p{M}_])" : "";
          // Only ASCII-and-simple-case names: the regex's case folding and ours agree on them.
          if (/[İ]/u.test(core) || /[\u00a0]/u.test(core)) continue;
          expect(new RegExp(pre + escape(core) + post, "iu").test(masked)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("sentence boundaries inside a name keep the sentences in order, together covering the masked text", () => {
    fc.assert(
      fc.property(textArb, termsArb, fc.array(fc.nat(), { maxLength: 6 }), (text, terms, cuts) => {
        const { text: masked, replacements } = maskText(
          text,
          terms.map((t) => ({ text: t, placeholder: "[o]" })),
        );
        // Sentences cut anywhere, also inside names: each boundary maps like a range's start.
        const bounds = [...new Set([0, text.length, ...cuts.map((c) => c % (text.length + 1))])].sort((a, b) => a - b);
        const mapped = bounds.map((b) => toMasked(replacements, b, "start"));
        expect(mapped[0]).toBe(0);
        expect(mapped.at(-1)).toBe(masked.length);
        for (let i = 1; i < mapped.length; i++) expect(mapped[i]!).toBeGreaterThanOrEqual(mapped[i - 1]!);
        // A placeholder is never cut between two sentences.
        for (const m of mapped) for (const r of replacements) expect(m > r.maskedStart && m < r.maskedEnd).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
