import { describe, expect, it } from "vitest";
import { acceptanceRates, type AcceptanceLabel, type AcceptanceSuggestion, type OutcomeCounts } from "./acceptance";

const sug = (
  id: string,
  segmentId: string,
  dimension: string,
  value: unknown,
  provider: string,
  rule: string,
  target: string | null = null,
) => ({ id, segmentId, dimension, target, value, provider, rule }) satisfies AcceptanceSuggestion;
const label = (userId: string, segmentId: string, dimension: string, value: unknown, suggestionId: string | null = null, target = "") =>
  ({ userId, segmentId, dimension, target, value, suggestionId }) satisfies AcceptanceLabel;

/** accepted, overridden, rejected, matched, decisions */
const counts = (c: OutcomeCounts) => [c.accepted, c.overridden, c.rejected, c.matched, c.decisions];

describe("acceptanceRates (hand-computed fixture)", () => {
  const suggestions = [
    sug("s1", "A", "sourcing", "direct_quote", "rules", "quote"),
    sug("s2", "A", "source_name", "Aliyev", "rules", "name_before"),
    sug("s3", "B", "sourcing", "unattributed_claim", "rules", "default_claim"),
    sug("s4", "B", "stance", "unfavorable", "llm", "stance", "armenia"),
    sug("s5", "C", "sourcing", "no_claim", "rules", "kind:caption"), // nobody confirmed C
  ];
  const labels = [
    label("u1", "A", "sourcing", "direct_quote", "s1"), // accepted
    label("u1", "A", "source_name", "Ilham Aliyev"), // overridden
    label("u2", "A", "sourcing", "direct_quote"), // matched: same value, not from s1
    label("u2", "A", "source_name", null), // rejected: cleared
    label("u1", "B", "sourcing", "unattributed_claim", "s3"), // accepted
    // u1 left B's stance toward armenia empty: rejected
    label("u2", "B", "sourcing", "no_claim"), // u2 did not confirm B: no decision
    label("u1", "C", "sourcing", "no_claim"), // C not confirmed by u1: no decision
  ];
  const confirmations = [
    { userId: "u1", segmentId: "A" },
    { userId: "u1", segmentId: "B" },
    { userId: "u2", segmentId: "A" },
  ];
  const r = acceptanceRates(suggestions, labels, confirmations);

  it("per rule: outcomes of every confirmed decision, most decisions first", () => {
    expect(r.byRule.map((row) => [row.provider, row.rule, ...counts(row)])).toEqual([
      ["rules", "name_before", 0, 1, 1, 0, 2],
      ["rules", "quote", 1, 0, 0, 1, 2],
      ["llm", "stance", 0, 0, 1, 0, 1],
      ["rules", "default_claim", 1, 0, 0, 0, 1],
    ]);
    expect(r.byRule[1]!.rates).toEqual({ accepted: 0.5, overridden: 0, rejected: 0, matched: 0.5 });
  });

  it("per dimension and in total", () => {
    expect(r.byDimension.map((row) => [row.dimension, ...counts(row)])).toEqual([
      ["sourcing", 2, 0, 0, 1, 3],
      ["source_name", 0, 1, 1, 0, 2],
      ["stance", 0, 0, 1, 0, 1],
    ]);
    expect(r.total).toMatchObject({ accepted: 2, overridden: 1, rejected: 2, matched: 1, decisions: 6 });
    expect(r.total.rates.accepted).toBeCloseTo(2 / 6);
  });

  it("no decisions: empty tables and no rates", () => {
    const none = acceptanceRates(suggestions, labels, []);
    expect(none.byRule).toEqual([]);
    expect(none.total.rates).toEqual({ accepted: null, overridden: null, rejected: null, matched: null });
  });
});
