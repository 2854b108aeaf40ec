import { describe, expect, it } from "vitest";
import { hardestUnits, scoreAttempt, type ScoredLabel } from "./score";

// Three training sentences, two targets. Gold, hand-set:
//   s1 stance/us favorable, stance/ru none (null), sourcing direct_quote
//   s2 stance/us unfavorable,                       sourcing unattributed_claim
//   s3 stance/us none (null),                       sourcing no_claim, bias biased (not scored)
const gold: ScoredLabel[] = [
  { segmentId: "s1", dimension: "stance", target: "us", value: "favorable" },
  { segmentId: "s1", dimension: "stance", target: "ru", value: null },
  { segmentId: "s1", dimension: "sourcing", target: "", value: "direct_quote" },
  { segmentId: "s2", dimension: "stance", target: "us", value: "unfavorable" },
  { segmentId: "s2", dimension: "sourcing", target: "", value: "unattributed_claim" },
  { segmentId: "s3", dimension: "stance", target: "us", value: null },
  { segmentId: "s3", dimension: "sourcing", target: "", value: "no_claim" },
  { segmentId: "s3", dimension: "bias", target: "", value: "biased" },
];

describe("scoreAttempt", () => {
  // The annotator confirmed s1 and s2, never s3 (they labelled its sourcing but did not confirm).
  //   s1: us favorable ✓, ru none (confirmed, no label) ✓, sourcing direct_quote ✓
  //   s2: us neutral ✗, sourcing unattributed_claim ✓
  //   s3: us unset (not confirmed: unanswered, not "none") ✗, sourcing no_claim ✓
  // stance: s1/us ✓, s1/ru ✓, s2/us ✗, s3/us ✗ → 2/4 = 0.5; sourcing 3/3 = 1.
  const labels: ScoredLabel[] = [
    { segmentId: "s1", dimension: "stance", target: "us", value: "favorable" },
    { segmentId: "s1", dimension: "sourcing", target: "", value: "direct_quote" },
    { segmentId: "s2", dimension: "stance", target: "us", value: "neutral" },
    { segmentId: "s2", dimension: "sourcing", target: "", value: "unattributed_claim" },
    { segmentId: "s3", dimension: "sourcing", target: "", value: "no_claim" },
  ];
  const score = scoreAttempt({ dimensions: ["sourcing", "stance"], minAccuracy: 0.8, gold, labels, confirmed: new Set(["s1", "s2"]) });

  it("computes accuracy per dimension over the gold units of the scored dimensions only", () => {
    expect(score.dimensions).toEqual([
      { dimension: "sourcing", correct: 3, total: 3, accuracy: 1 },
      { dimension: "stance", correct: 2, total: 4, accuracy: 0.5 },
    ]);
    expect(score.units.some((u) => u.dimension === "bias")).toBe(false);
    expect(score.passed).toBe(false);
  });

  it("tells a confirmed 'none' from an unanswered unit", () => {
    const ru = score.units.find((u) => u.segmentId === "s1" && u.target === "ru")!;
    expect(ru).toMatchObject({ state: "none", answer: null, gold: null, correct: true });
    const s3 = score.units.find((u) => u.segmentId === "s3" && u.dimension === "stance")!;
    expect(s3).toMatchObject({ state: "unanswered", answer: null, gold: null, correct: false });
  });

  it("passes when every scored dimension reaches the threshold (exactly 0.8 passes)", () => {
    const five: ScoredLabel[] = ["a", "b", "c", "d", "e"].map((s) => ({
      segmentId: s,
      dimension: "sourcing",
      target: "",
      value: "direct_quote",
    }));
    const four = five.slice(0, 4);
    const r = scoreAttempt({
      dimensions: ["sourcing", "stance"],
      minAccuracy: 0.8,
      gold: five,
      labels: four,
      confirmed: new Set(["a", "b", "c", "d", "e"]),
    });
    // e confirmed without a sourcing label: "no value", gold says direct_quote → wrong: 4/5 = 0.8.
    expect(r.dimensions).toEqual([
      { dimension: "sourcing", correct: 4, total: 5, accuracy: 0.8 },
      { dimension: "stance", correct: 0, total: 0, accuracy: null },
    ]);
    expect(r.passed).toBe(true);
  });

  it("never passes a training set without gold units", () => {
    expect(scoreAttempt({ dimensions: ["stance"], minAccuracy: 0, gold: [], labels: [], confirmed: new Set() }).passed).toBe(false);
  });

  it("compares values whatever the key order of stored JSON", () => {
    const g: ScoredLabel[] = [{ segmentId: "s", dimension: "spans", target: "", value: [{ start: 1, end: 4, label: "x" }] }];
    const l: ScoredLabel[] = [{ segmentId: "s", dimension: "spans", target: "", value: [{ label: "x", end: 4, start: 1 }] }];
    expect(scoreAttempt({ dimensions: ["spans"], minAccuracy: 1, gold: g, labels: l, confirmed: new Set() }).passed).toBe(true);
  });
});

describe("hardestUnits", () => {
  it("counts wrong answers per unit over attempts, most missed first", () => {
    const unit = (segmentId: string, correct: boolean) => ({
      segmentId,
      dimension: "stance",
      target: "us",
      gold: null,
      answer: null,
      state: "none" as const,
      correct,
    });
    const rows = hardestUnits([
      { units: [unit("a", false), unit("b", false)] },
      { units: [unit("a", false), unit("b", true)] },
      { units: [unit("a", true)] },
    ]);
    expect(rows).toEqual([
      { segmentId: "a", dimension: "stance", target: "us", wrong: 2, of: 3 },
      { segmentId: "b", dimension: "stance", target: "us", wrong: 1, of: 2 },
    ]);
  });
});
