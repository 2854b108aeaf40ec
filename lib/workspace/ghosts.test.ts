import { describe, expect, it } from "vitest";
import { TEMPLATES } from "@/lib/schema/templates";
import { isSentenceComplete } from "@/lib/schema/complete";
import { acceptableGhosts, ghostsBySentence, provenance, sentenceEvidence, type Ghost } from "./ghosts";
import { buildKeymap, navAction } from "./keymap";

const ghost = (over: Partial<Ghost>): Ghost => ({
  id: "g",
  segmentId: "s1",
  dimension: "sourcing",
  target: null,
  value: "direct_quote",
  confidence: 0.9,
  provider: "rules",
  rule: "quote",
  evidence: null,
  ...over,
});

describe("ghost values", () => {
  const all = [
    ghost({ id: "a", confidence: 0.6, value: "paraphrased_attribution", provider: "http" }),
    ghost({ id: "b", confidence: 0.95, evidence: { quotes: [[1, 20]], cue: [25, 29] } }),
    ghost({ id: "c", dimension: "source_type", value: "government_official", evidence: { quotes: [[1, 20]] } }),
    ghost({ id: "d", dimension: "stance", target: "armenia", value: "unfavorable" }),
    ghost({ id: "e", segmentId: "s2", dimension: "source_name", value: "Ilham Aliyev" }),
  ];
  const bySeg = ghostsBySentence(all);
  const s1 = bySeg.get("s1")!;

  it("shows one ghost per sentence, dimension and target: the most confident", () => {
    expect([...s1.keys()].sort()).toEqual(["source_type:", "sourcing:", "stance:armenia"]);
    expect(s1.get("sourcing:")!.id).toBe("b");
    expect(bySeg.get("s2")!.get("source_name:")!.value).toBe("Ilham Aliyev");
  });

  it("y accepts only the dimensions the annotator left empty", () => {
    const mine: Record<string, unknown> = { "source_type:": "military", "stance:armenia": null };
    const ids = acceptableGhosts(s1, (d, t) => mine[`${d}:${t ?? ""}`]).map((g) => g.id);
    expect(ids.sort()).toEqual(["b", "d"]);
  });

  it("a value records the suggestion only when it is the ghost's value", () => {
    expect(provenance(s1, "sourcing", null, "direct_quote")).toBe("b");
    expect(provenance(s1, "sourcing", null, "no_claim")).toBeNull();
    expect(provenance(s1, "sourcing", null, null)).toBeNull();
    expect(provenance(s1, "stance", "armenia", "unfavorable")).toBe("d");
    expect(provenance(s1, "stance", "azerbaijan", "unfavorable")).toBeNull();
  });

  it("evidence moves to document offsets, each quote once", () => {
    expect(sentenceEvidence(s1, 100)).toEqual({ quotes: [{ start: 101, end: 120 }], cue: { start: 125, end: 129 } });
    expect(sentenceEvidence(undefined, 0)).toEqual({ quotes: [], cue: null });
  });

  it("a ghost never completes a sentence: completeness reads only the annotator's values", () => {
    const schema = TEMPLATES.news_stance_sourcing!.build();
    // The ghosts exist, the annotator has given nothing: sourcing (required) is missing.
    expect(isSentenceComplete(schema, new Map(), ["armenia"]).missing).toContain("sourcing");
  });

  it("y is the workspace's key: no label schema can take it", () => {
    expect(navAction("y")).toBe("acceptSuggestions");
    const schema = TEMPLATES.news_stance_sourcing!.build();
    schema.dimensions[0] = { ...schema.dimensions[0]!, values: [{ id: "x", label: "X", key: "y" }] } as never;
    expect(buildKeymap(schema).conflicts.some((c) => c.startsWith('"y"'))).toBe(true);
  });
});
