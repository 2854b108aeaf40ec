import { describe, expect, it } from "vitest";
import { krippendorffAlpha, spanUnitsFromTokens, type TokenBoundary } from "./index";

// "The senator slammed the reckless bill. Critics agreed."
//  0   4       12      20  24       33  38 39      47    53
const tokens: TokenBoundary[] = [
  { start: 0, end: 3, sentence: "s1" }, // The
  { start: 4, end: 11, sentence: "s1" }, // senator
  { start: 12, end: 19, sentence: "s1" }, // slammed
  { start: 20, end: 23, sentence: "s1" }, // the
  { start: 24, end: 32, sentence: "s1" }, // reckless
  { start: 33, end: 37, sentence: "s1" }, // bill
  { start: 37, end: 38, sentence: "s1" }, // .
  { start: 39, end: 46, sentence: "s2" }, // Critics
  { start: 47, end: 53, sentence: "s2" }, // agreed
];

const values = (units: ReturnType<typeof spanUnitsFromTokens>, coder: string) => units.map((u) => u.values.get(coder) ?? "-").join(" ");

describe("spanUnitsFromTokens", () => {
  it("one unit per token; in/out by overlap; missing for sentences a coder did not annotate", () => {
    const units = spanUnitsFromTokens(tokens, [
      {
        coder: "ann",
        spans: [
          { start: 12, end: 19 },
          { start: 24, end: 32 },
        ],
      }, // whole text
      { coder: "bob", spans: [{ start: 14, end: 26 }], sentences: ["s1"] }, // partial overlaps count
      { coder: "cat", spans: [], sentences: new Set(["s2"]) }, // annotated s2, marked nothing
      { coder: "dan", spans: [{ start: 0, end: 53 }], sentences: [] }, // annotated nothing
    ]);
    expect(units.map((u) => u.id)).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]);
    expect(values(units, "ann")).toBe("out out in out in out out out out");
    expect(values(units, "bob")).toBe("out out in in in out out - -");
    expect(values(units, "cat")).toBe("- - - - - - - out out");
    expect(values(units, "dan")).toBe("- - - - - - - - -");
  });

  it("spans touching a token without overlapping it leave it out; nested and unsorted spans work", () => {
    const units = spanUnitsFromTokens(
      tokens,
      [
        {
          coder: "a",
          spans: [
            { start: 33, end: 53 },
            { start: 3, end: 4 },
            { start: 0, end: 19 },
            { start: 5, end: 6 },
          ],
        },
      ],
      { idPrefix: "doc1:" },
    );
    expect(units[0]!.id).toBe("doc1:0");
    expect(values(units, "a")).toBe("in in in out out in in in in");
  });

  it("feeds krippendorffAlpha", () => {
    const units = spanUnitsFromTokens(tokens, [
      { coder: "a", spans: [{ start: 12, end: 19 }] },
      { coder: "b", spans: [{ start: 12, end: 19 }] },
    ]);
    expect(krippendorffAlpha(units, { level: "nominal" }).alpha).toBe(1);
    const disjoint = spanUnitsFromTokens(tokens, [
      { coder: "a", spans: [{ start: 12, end: 19 }] },
      { coder: "b", spans: [{ start: 24, end: 32 }] },
    ]);
    const r = krippendorffAlpha(disjoint, { level: "nominal" });
    expect(r.pairable).toBe(18);
    expect(r.alpha).toBeLessThan(0);
  });

  it("rejects empty tokens and duplicate coders", () => {
    expect(() => spanUnitsFromTokens([{ start: 3, end: 3 }], [])).toThrow(RangeError);
    expect(() =>
      spanUnitsFromTokens(tokens, [
        { coder: "a", spans: [] },
        { coder: "a", spans: [] },
      ]),
    ).toThrow(RangeError);
  });
});
