import { describe, expect, it } from "vitest";
import { chooseDocument, describeRuleNote, outletKey, ruleNotesSchema, type Candidate, type RuleContext, type StoryRule } from "./rules";

let position = 0;
const doc = (id: string, outlet: string | null, story: string | null = null, annotators = 0): Candidate => ({
  id,
  position: position++,
  annotators,
  outlet,
  story,
});

function ctx(storyRule: StoryRule | null, had: { outlet: string | null; story?: string }[], outlets: (string | null)[]): RuleContext {
  const counts = new Map<string, number>();
  for (const h of had) counts.set(outletKey(h.outlet), (counts.get(outletKey(h.outlet)) ?? 0) + 1);
  return {
    overlap: 2,
    storyRule,
    history: { outlets: counts, stories: new Set(had.flatMap((h) => (h.story ? [h.story] : []))) },
    projectOutlets: outlets,
  };
}

const OUTLETS = ["TRT World", "Wire", "State TV"];

describe("chooseDocument", () => {
  it("keeps the overlap rule: a document with k annotators is never given", () => {
    expect(chooseDocument([doc("a", "Wire", null, 2)], ctx(null, [], OUTLETS))).toBeNull();
    expect(chooseDocument([doc("a", "Wire", null, 2), doc("b", "Wire", null, 1)], ctx(null, [], OUTLETS))?.document.id).toBe("b");
  });

  it("with no outlets and no stories, picks the fewest annotators, then corpus order", () => {
    const r = chooseDocument([doc("a", null, null, 1), doc("b", null), doc("c", null)], ctx(null, [], [null]));
    expect(r).toEqual({ document: expect.objectContaining({ id: "b" }), notes: [] });
  });

  it("gives the outlet the annotator has had fewest of, even before a document with fewer annotators", () => {
    const had = ctx(null, [{ outlet: "TRT World" }, { outlet: "Wire" }], OUTLETS);
    const r = chooseDocument([doc("t", "TRT World"), doc("w", "Wire"), doc("s", "State TV", null, 1)], had);
    expect(r?.document.id).toBe("s");
    expect(r?.notes).toEqual([]);
  });

  it("outlet names that differ only in case and spacing are one outlet", () => {
    const had = ctx(null, [{ outlet: "TRT World" }], OUTLETS);
    expect(chooseDocument([doc("t", "trt  world"), doc("w", "Wire", null, 1)], had)?.document.id).toBe("w");
  });

  it("when no other outlet has documents left, gives the best remaining one and says why", () => {
    const had = ctx(null, [{ outlet: "TRT World" }, { outlet: "Wire" }], OUTLETS.slice(0, 2));
    // ana has had 1 TRT World and 1 Wire article; only TRT World documents are left.
    const first = chooseDocument([doc("t2", "TRT World")], had);
    // Her counts were even (1 and 1) before this claim: no outlet had fewer, so no note.
    expect(first?.notes).toEqual([]);
    const later = chooseDocument([doc("t3", "TRT World")], ctx(null, [{ outlet: "TRT World" }, { outlet: "TRT World" }], OUTLETS));
    expect(later?.document.id).toBe("t3");
    expect(later?.notes).toEqual([{ rule: "outlet", outlet: "TRT World", count: 3, fewer: ["Wire", "State TV"], because: "none_left" }]);
    expect(describeRuleNote("ana", later!.notes[0]!)).toBe(
      "ana got a third TRT World article: no document of Wire or State TV was left for them",
    );
  });

  it("independence: at most one version of a story, before outlet balance", () => {
    const had = ctx("independent", [{ outlet: "TRT World", story: "Ceasefire" }], OUTLETS);
    const r = chooseDocument(
      [doc("w-ceasefire", "Wire", "Ceasefire"), doc("s-ceasefire", "State TV", "Ceasefire"), doc("t-other", "TRT World", "Other")],
      had,
    );
    expect(r?.document.id).toBe("t-other");
    // The Wire and State TV documents left were of her story: the outlet rule gave way to the story rule.
    expect(r?.notes).toEqual([{ rule: "outlet", outlet: "TRT World", count: 2, fewer: ["Wire", "State TV"], because: "story_rule" }]);
    expect(describeRuleNote("ana", r!.notes[0]!)).toBe(
      "ana got a second TRT World article: the documents of Wire or State TV left for them were of stories they already had",
    );
  });

  it("independence: when every document left is of a story the annotator had, gives one anyway and says so", () => {
    const had = ctx("independent", [{ outlet: "TRT World", story: "Ceasefire" }], OUTLETS);
    const r = chooseDocument([doc("w", "Wire", "Ceasefire")], had);
    expect(r?.document.id).toBe("w");
    expect(r?.notes).toEqual([{ rule: "story", story: "Ceasefire" }]);
    expect(describeRuleNote("ana", r!.notes[0]!)).toBe(
      "ana got a second version of story “Ceasefire”: every document left for them was of a story they already had",
    );
  });

  it("within-annotator comparison: the other versions of a story begun come first, outlets still balanced", () => {
    const had = ctx("within", [{ outlet: "TRT World", story: "Ceasefire" }], OUTLETS);
    const cands = [
      doc("w-other", "Wire", "Other"),
      doc("w-ceasefire", "Wire", "Ceasefire", 1),
      doc("t-ceasefire", "TRT World", "Ceasefire"),
    ];
    expect(chooseDocument(cands, had)?.document.id).toBe("w-ceasefire");
    // Without the setting, the fewest annotators decide among the Wire documents.
    expect(chooseDocument(cands, { ...had, storyRule: null })?.document.id).toBe("w-other");
  });

  it("without a story rule, a second version of a story is no note", () => {
    const r = chooseDocument(
      [doc("w", "Wire", "Ceasefire")],
      ctx(null, [{ outlet: "TRT World", story: "Ceasefire" }], OUTLETS.slice(0, 2)),
    );
    expect(r?.notes).toEqual([]);
  });

  it("notes round-trip through their schema", () => {
    const notes = [
      { rule: "story", story: "S" },
      { rule: "outlet", outlet: null, count: 2, fewer: ["Wire"], because: "none_left" },
    ];
    expect(ruleNotesSchema.parse(notes)).toEqual(notes);
    expect(describeRuleNote("bo", ruleNotesSchema.parse(notes)[1]!)).toBe(
      "bo got a second (no outlet) article: no document of Wire was left for them",
    );
    expect(() => ruleNotesSchema.parse([{ rule: "outlet", count: 1 }])).toThrow();
  });
});
