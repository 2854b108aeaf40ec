import { describe, expect, it } from "vitest";
import type { Unit } from "@/lib/agreement";
import { annotatorQuality, median, type QualityVariableInput } from "./annotators";

const unit = (id: string, values: Record<string, string>): Unit<string> => ({ id, values: new Map(Object.entries(values)) });

/*
 * Hand-computed fixture: three annotators, sourcing on four sentences, gold on s1, s2, s4.
 *   s1: a=x b=x c=y  gold x      s3: a=x b=x      no gold
 *   s2: a=y b=x c=x  gold x      s4: a=y     c=y  gold y
 */
const sourcing: QualityVariableInput = {
  key: "sourcing",
  label: "Sourcing",
  dimension: "sourcing",
  target: null,
  categories: [
    { id: "x", label: "X" },
    { id: "y", label: "Y" },
  ],
  units: [
    unit("s1", { a: "x", b: "x", c: "y" }),
    unit("s2", { a: "y", b: "x", c: "x" }),
    unit("s3", { a: "x", b: "x" }),
    unit("s4", { a: "y", c: "y" }),
  ],
  gold: new Map([
    ["s1", "x"],
    ["s2", "x"],
    ["s4", "y"],
  ]),
};
// A per-target variable: a said favorable where gold says none.
const stance: QualityVariableInput = {
  key: "stance:t",
  label: "Stance toward T",
  dimension: "stance",
  target: "t",
  categories: [
    { id: "favorable", label: "Favorable" },
    { id: "none", label: "None" },
  ],
  units: [unit("s1", { a: "favorable" })],
  gold: new Map([["s1", "none"]]),
};

const report = annotatorQuality({
  annotators: [
    { id: "a", name: "Ana" },
    { id: "b", name: "Ben" },
    { id: "c", name: "Cem" },
  ],
  variables: [sourcing, stance],
  times: [
    { userId: "a", segmentId: "s1", ms: 1000 },
    { userId: "a", segmentId: "s2", ms: 3000 },
    { userId: "a", segmentId: "s3", ms: 5000 },
    { userId: "a", segmentId: "s4", ms: 1500 },
    { userId: "b", segmentId: "s1", ms: 2000 },
  ],
  work: [
    { userId: "a", touched: 5, confirmed: 4 },
    { userId: "b", touched: 3, confirmed: 3 },
  ],
});
const v = report.variables[0]!;
const of = (id: string) => v.annotators.find((a) => a.annotator === id)!;

describe("annotatorQuality", () => {
  it("agreement with gold: the share of sentences with gold where the value equals it", () => {
    expect([of("a").gold, of("b").gold, of("c").gold].map((r) => [r.hits, r.n])).toEqual([
      [2, 3],
      [2, 2],
      [2, 3],
    ]);
    // pooled over variables: a's 2/3 on sourcing and 0/1 on stance
    expect(report.annotators[0]!.gold).toEqual({ hits: 2, n: 4, value: 0.5 });
  });

  it("agreement with the majority of the others (own vote left out; ties have no majority)", () => {
    // a: s1 tie, s2 x≠y, s3 x=x, s4 y=y → 2/3; b: only s3 → 1/1; c: s1 x≠y, s2 tie, s4 y=y → 1/2
    expect([of("a").majority, of("b").majority, of("c").majority].map((r) => [r.hits, r.n])).toEqual([
      [2, 3],
      [1, 1],
      [1, 2],
    ]);
  });

  it("pairwise Cohen's κ over the sentences both rated", () => {
    // a–b: p_o 2/3, p_e 2/3 → 0; a–c: p_o 1/3, p_e 5/9 → −0.5; b–c: p_o 1/2, p_e 1/2 → 0
    expect(v.kappa).toEqual([
      [null, 0, -0.5],
      [0, null, 0],
      [-0.5, 0, null],
    ]);
    expect(v.kappaN).toEqual([
      [4, 3, 3],
      [3, 3, 2],
      [3, 2, 3],
    ]);
  });

  it("label distribution per annotator beside the team's", () => {
    expect(v.annotators.map((a) => a.counts)).toEqual([
      [2, 2],
      [3, 0],
      [1, 2],
    ]);
    expect(v.teamCounts).toEqual([6, 4]);
  });

  it("time per sentence: median and the share under the 2 s floor; confirmation rate", () => {
    const [a, b, c] = report.annotators;
    expect(a!.time).toEqual({ sentences: 4, medianMs: 2250, fasterThanFloor: { hits: 2, n: 4, value: 0.5 } });
    expect(b!.time).toEqual({ sentences: 1, medianMs: 2000, fasterThanFloor: { hits: 0, n: 1, value: 0 } }); // 2000 is not under 2000
    expect(c!.time).toEqual({ sentences: 0, medianMs: null, fasterThanFloor: { hits: 0, n: 0, value: null } });
    expect([a!.confirmation.value, b!.confirmation.value, c!.confirmation.value]).toEqual([0.8, 1, null]);
  });

  it("median of an odd and an even count", () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, null]);
  });
});
