import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { segmentText, sentenceBreaks } from "./index";

const pieces = fc.constantFrom(
  ".",
  "!",
  "?",
  "…",
  ",",
  ";",
  ":",
  " ",
  "  ",
  "\t",
  "\n",
  "\n\n",
  "\r\n",
  "\n \n",
  "\u00a0",
  "\u2028",
  "\u2029",
  '"',
  "'",
  "“",
  "”",
  "‘",
  "’",
  "(",
  ")",
  "[",
  "]",
  "U.S.",
  "Dr.",
  "J.",
  "3.5",
  "10.30 a.m.",
  "(AA)",
  "(E)",
  "- ",
  "* ",
  "• ",
  "1. ",
  "READ MORE: ",
  "Source: ",
  "In this photo ",
  "😀",
  "👨‍👩‍👧",
  "🇹🇷",
  "é",
  "e\u0301",
  "Ş",
  "ı",
  "한국어",
  "مرحبا",
  "\ud800",
  "\udc00",
  "The",
  "the",
  "said",
  "Armenia",
  "Aliyev said.",
);
const word = fc.string({ unit: fc.constantFrom(..."abcXYZ éß"), maxLength: 8 });

const randomText = fc.oneof(
  fc.array(fc.oneof(pieces, word, fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 60 }).map((a) => a.join("")),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(" ", "\n", ".", "a", "A", '"', "(", ")", "!"), maxLength: 200 }),
);

function checkInvariants(text: string) {
  const segs = segmentText(text);
  let pos = 0;
  let rebuilt = "";
  for (const s of segs) {
    expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
    expect(s.start).toBeGreaterThanOrEqual(pos);
    expect(s.end).toBeGreaterThan(s.start); // no empty segment
    const gap = text.slice(pos, s.start);
    expect(gap).toMatch(/^\s*$/u); // gaps are whitespace only
    const body = text.slice(s.start, s.end);
    expect(body).toMatch(/^\S/u); // no leading/trailing whitespace
    expect(body).toMatch(/\S$/u);
    expect(s.isBoilerplate).toBe(s.boilerplateReason !== null);
    rebuilt += gap + body;
    pos = s.end;
  }
  const tail = text.slice(pos);
  expect(tail).toMatch(/^\s*$/u);
  expect(rebuilt + tail).toBe(text);
  // paragraphs never decrease
  for (let i = 1; i < segs.length; i++) expect(segs[i]!.paragraph).toBeGreaterThanOrEqual(segs[i - 1]!.paragraph);
}

describe("segmentText properties", () => {
  it("segments + gaps reproduce the text; offsets increase; no empty segments; never throws", () => {
    fc.assert(
      fc.property(randomText, (text) => checkInvariants(text)),
      { numRuns: 1000 },
    );
  });

  it("also holds for any language tag", () => {
    fc.assert(
      fc.property(randomText, fc.constantFrom("en", "de", "tr", "ja", "", "xx", "not valid!!"), (text, language) => {
        expect(() => segmentText(text, { language })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("reading long text through windows gives the same breaks as one pass", () => {
    const seg = new Intl.Segmenter("en", { granularity: "sentence" });
    const sentence = fc.constantFrom(
      "Fighting entered the ninth day.",
      '"A peace process will surely be started.',
      'Clashes cannot go on," he said.',
      "Is it over?",
      "Yes!",
      "Growth was 3.5 percent.",
      "Dr. Smith met the U.S. envoy.",
      "“Never.”",
      "Ölüm 😀 oldu.",
    );
    const sep = fc.constantFrom(" ", "  ", " \u00a0");
    fc.assert(
      fc.property(fc.array(fc.tuple(sentence, sep), { minLength: 1, maxLength: 120 }), (parts) => {
        const body = parts.map(([a, b]) => a + b).join("");
        expect(sentenceBreaks(seg, body, 500, 100)).toEqual(sentenceBreaks(seg, body, 1e9, 0));
      }),
      { numRuns: 200 },
    );
  });

  it("is linear: a 300-sentence article segments quickly (no timing assertion)", () => {
    const para = 'Gen. Smith said the U.S. would act. "We will not wait," he told Dr. Jones at 10.30 a.m. Growth was 3.5 percent.';
    const text = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? `Sub-heading ${i}\n${para}` : para)).join("\n\n");
    const segs = segmentText(text);
    expect(segs.filter((s) => !/^Sub-heading/.test(text.slice(s.start, s.end)))).toHaveLength(300);
    checkInvariants(text);
    // One 5,000-sentence paragraph (V8's own sentence iterator is quadratic on it).
    const long = Array.from({ length: 5000 }, (_, i) => `Sentence number ${i} is here.`).join(" ");
    expect(segmentText(long)).toHaveLength(5000);
  });
});
