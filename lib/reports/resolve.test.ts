import { describe, expect, it } from "vitest";
import { resolveSegments } from "./resolve";
import { DIMS, INPUT, TEXT } from "./fixture.test-helpers";

describe("resolveSegments: gold, else majority, else one annotator", () => {
  const r = resolveSegments(DIMS, INPUT);

  it("takes gold where adjudicated, even against every annotator", () => {
    expect(r[2]!.sourcing).toEqual({ value: "paraphrased", basis: "gold" });
    expect(r[2]!.sourceName).toEqual({ value: "Ilham Aliyev", basis: "gold" });
  });

  it("takes the majority of confirmed annotators; names compare case- and space-insensitively, in the first voter's spelling", () => {
    expect(r[0]!.sourcing).toEqual({ value: "other", basis: "majority" });
    expect(r[1]!.sourcing).toEqual({ value: "direct", basis: "majority" });
    expect(r[1]!.sourceName).toEqual({ value: "Ilham Aliyev", basis: "majority" });
    // u3's label on sentence 3 does not count: u3 never confirmed it.
    expect(r[3]!.sourcing).toEqual({ value: "paraphrased", basis: "majority" });
    expect(r[3]!.sourceName).toEqual({ value: null, basis: "majority" });
  });

  it("shows a winning name in the spelling most voters typed, else the one with capitals, whoever voted first", () => {
    const swapped = INPUT.labels.map((l) => ({ ...l, userId: l.userId === "u2" ? "u0" : l.userId }));
    const confirmed = INPUT.confirmed.map((c) => ({ ...c, userId: c.userId === "u2" ? "u0" : c.userId }));
    for (const input of [INPUT, { ...INPUT, labels: swapped, confirmed }]) {
      expect(resolveSegments(DIMS, input)[1]!.sourceName.value).toBe("Ilham Aliyev");
    }
  });

  it("leaves a tie unresolved rather than pick a value", () => {
    expect(r[4]!.sourcing).toEqual({ value: null, basis: "unresolved" });
    expect(r[3]!.sourceType).toEqual({ value: null, basis: "unresolved" });
  });

  it("falls back on the chosen annotator where there is no gold and no majority", () => {
    const withU2 = resolveSegments(DIMS, INPUT, { annotator: "u2" });
    expect(withU2[4]!.sourcing).toEqual({ value: "paraphrased", basis: "annotator" });
    expect(withU2[3]!.sourceType).toEqual({ value: "military", basis: "annotator" });
    expect(withU2[1]!.sourcing).toEqual({ value: "direct", basis: "majority" }); // the majority still wins
    // u3 did not confirm sentence 3: choosing u3 leaves its tie unresolved.
    expect(resolveSegments(DIMS, INPUT, { annotator: "u3" })[3]!.sourceType.basis).toBe("unresolved");
  });

  it("a sentence confirmed by one annotator takes that annotator's labels", () => {
    const one = resolveSegments(DIMS, { ...INPUT, confirmed: [{ segmentId: "s4", userId: "u1", targets: INPUT.targets }] });
    expect(one[4]!.sourcing).toEqual({ value: "unattributed", basis: "annotator" });
    expect(one[0]!.sourcing).toEqual({ value: null, basis: "unresolved" }); // nobody confirmed it
  });

  it("resolves stance per target (none is a value) and loaded-language spans word by word", () => {
    expect(r[5]!.stance).toEqual({ armenia: { value: "unfavorable", basis: "majority" }, azerbaijan: { value: null, basis: "majority" } });
    expect(r[2]!.stance.azerbaijan).toEqual({ value: null, basis: "majority" }); // u1 favorable, u2 and u3 none
    const brutal = TEXT.indexOf("brutal");
    expect(r[5]!.loaded).toEqual({ value: [{ start: brutal, end: brutal + 6 }], basis: "majority" });
    expect(r[5]!.loadedWords).toBe(1);
    expect(r[0]!.loaded).toEqual({ value: [], basis: "majority" });
  });

  it("a target added after the confirmations has no votes: silence on it is not a 'none'", () => {
    const beforeAzerbaijan = INPUT.confirmed.map((c) => ({ ...c, targets: ["armenia"] }));
    const later = resolveSegments(DIMS, { ...INPUT, confirmed: beforeAzerbaijan });
    expect(later[5]!.stance).toEqual({
      armenia: { value: "unfavorable", basis: "majority" },
      azerbaijan: { value: null, basis: "unresolved" },
    });
    expect(later[2]!.stance.azerbaijan).toEqual({ value: null, basis: "unresolved" });
    // u1 confirmed sentence 2 again after Azerbaijan was added: theirs is the only vote on it.
    const again = beforeAzerbaijan.map((c) => (c.segmentId === "s2" && c.userId === "u1" ? { ...c, targets: INPUT.targets } : c));
    expect(resolveSegments(DIMS, { ...INPUT, confirmed: again })[2]!.stance.azerbaijan).toEqual({ value: "favorable", basis: "annotator" });
  });

  it("counts words per sentence", () => {
    expect(r.map((s) => s.words)).toEqual([7, 6, 7, 7, 4, 6]);
  });
});
