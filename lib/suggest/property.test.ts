import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { segmentText } from "../segment";
import { SOURCING_VALUES, suggestForDocument } from "./index";

const pieces = fc.constantFrom(
  '"',
  "“",
  "”",
  "'",
  "‘",
  "’",
  "«",
  "»",
  ",",
  ".",
  " ",
  "\n",
  "\n\n",
  "said",
  "told",
  "according to",
  "he",
  "she",
  "the minister",
  "Turkish Foreign Minister Mevlut Cavusoglu",
  "Aliyev",
  "officials say",
  "reportedly",
  "NATO",
  "READ MORE: ",
  "ANKARA (AP) — ",
  "😀",
  "Çavuşoğlu",
  "\ud800",
);
const text = fc.oneof(
  fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 50 }).map((a) => a.join("")),
  fc.string({ unit: "grapheme", maxLength: 200 }),
);

describe("suggestForDocument on any text", () => {
  it("never throws; one result per segment; offsets inside the segment; known values; confidences in [0, 1]", () => {
    fc.assert(
      fc.property(text, (t) => {
        const segs = segmentText(t);
        const out = suggestForDocument(t, segs, { targets: ["Turkey", "Azerbaijan"] });
        expect(out).toHaveLength(segs.length);
        out.forEach((s, i) => {
          const len = segs[i]!.end - segs[i]!.start;
          expect(s.index).toBe(i);
          expect(SOURCING_VALUES).toContain(s.sourcing.value);
          for (const [a, b] of s.quotes) expect(0 <= a && a < b && b <= len).toBe(true);
          for (const x of [s.cue, s.speaker]) {
            if (x && x.start >= 0) expect(0 <= x.start && x.start <= x.end && x.end <= len).toBe(true);
          }
          for (const x of [s.sourcing, s.cue, s.speaker, s.sourceType, s.sourceSide]) {
            if (x) expect(x.confidence >= 0 && x.confidence <= 1).toBe(true);
          }
          if (s.sourceSide) expect(["Turkey", "Azerbaijan", "independent_unclear"]).toContain(s.sourceSide.value);
        });
      }),
      { numRuns: 300 },
    );
  });
});
