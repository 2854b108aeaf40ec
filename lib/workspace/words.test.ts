import { describe, expect, it } from "vitest";
import { caretFromSelection, caretSelection, findWord, moveCaret, wordRanges } from "./words";

// A sentence of the demo's sample article (../shared/samples, TRT World, 2020).
const text =
  '"Armenia must withdraw from the [Azerbaijani] territories it occupied, end cooperation with terrorist organizations, and get rid of mercenaries and terrorists from the [Upper Karabakh] region," Akar said.';
const words = wordRanges(text, 0, text.length);
const word = (i: number) => text.slice(words[i]!.start, words[i]!.end);
const selected = (c: ReturnType<typeof moveCaret>) => {
  const s = caretSelection(words, c);
  return s && text.slice(s.start, s.end);
};

describe("word caret", () => {
  it("starts on the first word with → and on the last with ←", () => {
    expect(selected(moveCaret(words, null, "right"))).toBe("Armenia");
    expect(selected(moveCaret(words, null, "left"))).toBe("said");
  });

  it("moves word by word, collapsing a selection, and stops at the ends", () => {
    let c = moveCaret(words, null, "right");
    c = moveCaret(words, c, "extendRight");
    expect(selected(c)).toBe("Armenia must");
    c = moveCaret(words, c, "right");
    expect(selected(c)).toBe("withdraw");
    expect(moveCaret(words, { anchor: 0, focus: 0 }, "left")).toEqual({ anchor: 0, focus: 0 });
  });

  it("Shift extends from the anchor in either direction", () => {
    let c = moveCaret(words, { anchor: 3, focus: 3 }, "extendLeft");
    expect(selected(c)).toBe("withdraw from");
    c = moveCaret(words, c, "extendRight");
    c = moveCaret(words, c, "extendRight");
    expect(selected(c)).toBe("from the");
  });

  it("takes over a mouse selection", () => {
    const i = text.indexOf("withdraw from");
    expect(caretFromSelection(words, { start: i + 2, end: i + 10 })).toEqual({ anchor: 2, focus: 3 });
  });
});

describe("type-to-find", () => {
  it("finds the next word starting with what was typed, wrapping around, case-insensitively", () => {
    const te = findWord(text, words, "TE", 0, 1, true);
    expect(word(te)).toBe("territories");
    const next = findWord(text, words, "te", te, 1, false);
    expect(word(next)).toBe("terrorist");
    expect(word(findWord(text, words, "te", next, 1, false))).toBe("terrorists");
    // previous from the first match wraps to the last
    expect(word(findWord(text, words, "te", te, -1, false))).toBe("terrorists");
  });

  it("ignores accents and says -1 when no word matches", () => {
    const t = "Çavuşoğlu said the talks failed.";
    const w = wordRanges(t, 0, t.length);
    expect(findWord(t, w, "cavu", 0, 1, true)).toBe(0);
    expect(findWord(t, w, "zz", 0, 1, true)).toBe(-1);
  });
});
