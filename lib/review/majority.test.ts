import { describe, expect, it } from "vitest";
import { canonical, majorityVote, sentenceVerdicts, spanMajority } from "./majority";
import { newsStanceSourcingTemplate } from "@/lib/schema/templates";

describe("majority vote", () => {
  it("picks the plurality and reports ties without a winner", () => {
    expect(majorityVote(["a", "a", "b"])).toEqual({ value: "a", votes: 2, of: 3, tie: false });
    expect(majorityVote(["a", "b"])).toEqual({ value: null, votes: 1, of: 2, tie: true });
    expect(majorityVote(["a", "b", "c"])).toMatchObject({ value: null, tie: true });
    expect(majorityVote(["a", "a", "b", "c"])).toEqual({ value: "a", votes: 2, of: 4, tie: false });
    expect(majorityVote([null, null, "a"])).toEqual({ value: null, votes: 2, of: 3, tie: false });
    expect(majorityVote([])).toBeNull();
  });

  it("compares values regardless of object key order (PostgreSQL jsonb reorders keys)", () => {
    expect(canonical({ start: 1, end: 2, label: "x" })).toBe(canonical({ label: "x", end: 2, start: 1 }));
    expect(majorityVote([[{ start: 1, end: 2 }], [{ end: 2, start: 1 }]])).toMatchObject({ votes: 2, tie: false });
  });
});

describe("span majority", () => {
  const words = [
    { start: 0, end: 3 },
    { start: 4, end: 9 },
    { start: 10, end: 14 },
  ];
  it("keeps the words marked by more than half, joined into spans", () => {
    const r = spanMajority([[{ start: 0, end: 9, label: "l" }], [{ start: 4, end: 9, label: "l" }], []], words, ["l"]);
    expect(r).toEqual({
      value: [{ start: 4, end: 9, label: "l" }],
      votes: 1,
      of: 3,
      tie: false,
      spans: { sure: [{ start: 4, end: 9, label: "l" }], tied: [] },
    });
  });
  it("is a tie when a word is marked by exactly half", () => {
    expect(spanMajority([[{ start: 0, end: 3, label: "l" }], []], words, ["l"])).toMatchObject({ value: null, tie: true });
  });
  it("on a tie, keeps the majority's words and lists the tied runs for the reviewer", () => {
    const r = spanMajority(
      [
        [{ start: 0, end: 14, label: "l" }],
        [{ start: 4, end: 14, label: "l" }],
        [{ start: 4, end: 9, label: "l" }],
        [{ start: 10, end: 14, label: "m" }],
      ],
      words,
      ["l", "m"],
    );
    // "0–3": 1 of 4 (out); "4–9": 3 of 4 (sure); "10–14": 2 of 4 with l (tied), 1 of 4 with m (out).
    expect(r).toMatchObject({
      value: null,
      tie: true,
      spans: { sure: [{ start: 4, end: 9, label: "l" }], tied: [{ start: 10, end: 14, label: "l" }] },
    });
  });
});

describe("sentence verdicts", () => {
  it("treats an empty stance of a confirmed annotator as none, and skips text and flags", () => {
    const schema = newsStanceSourcingTemplate();
    const a = new Map<string, unknown>([
      ["stance:armenia", "unfavorable"],
      ["sourcing:", "no_claim"],
      ["note:", "x"],
    ]);
    const b = new Map<string, unknown>([
      ["sourcing:", "no_claim"],
      ["note:", "y"],
    ]);
    const v = sentenceVerdicts(schema, ["armenia", "turkey"], [a, b], null);
    expect(v["stance:armenia"]).toEqual({ disagreement: true, majority: { value: null, votes: 1, of: 2, tie: true } });
    expect(v["stance:turkey"]).toEqual({ disagreement: false, majority: { value: null, votes: 2, of: 2, tie: false } });
    expect(v["sourcing:"]!.disagreement).toBe(false);
    expect(v["note:"]).toBeUndefined();
    expect(v["flag:"]).toBeUndefined();
    expect(v["spans:"]).toEqual({ disagreement: false, majority: null });
  });
});
