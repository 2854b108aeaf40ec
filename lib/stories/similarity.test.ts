/**
 * Fixtures: short news-like documents WRITTEN FOR THESE TESTS (not any outlet's text), about
 * invented events in invented places, so that the expected groups are known by construction.
 */
import { describe, expect, it } from "vitest";
import { pairKey, pairsOf, proposeStories, SIMILARITY_THRESHOLD, terms, type StoryDocument } from "./similarity";

const doc = (id: string, title: string, text: string): StoryDocument => ({ id, title, text });

const FLOOD = [
  doc(
    "flood-wire",
    "Floods cut off Varnholt as the Elsa river bursts its banks",
    "Rescue teams reached Varnholt by boat on Tuesday after the Elsa river burst its banks and flooded the lower town. Officials said 300 people were evacuated.",
  ),
  doc(
    "flood-state",
    "Government sends army to flooded Varnholt",
    "The army was sent to Varnholt, where the Elsa river flooded the lower town overnight; the governor praised the evacuation of 300 residents.",
  ),
  doc(
    "flood-local",
    "Varnholt residents count the cost of Elsa flood",
    "Shopkeepers in the lower town of Varnholt cleared mud from their floors as the Elsa river fell back.",
  ),
];
const STRIKE = [
  doc(
    "strike-1",
    "Dock workers in Port Quennel walk out over pay",
    "Dock workers at Port Quennel began a 48-hour strike over pay, halting container traffic, the Quennel dockers' union said.",
  ),
  doc(
    "strike-2",
    "Port Quennel strike halts container ships",
    "Container ships queued outside Port Quennel as the dockers' strike over pay entered its second day.",
  ),
];
const ALONE = [
  doc(
    "election",
    "Mayor of Ostrava-Lenz wins second term",
    "The mayor of Ostrava-Lenz won a second term with 54 percent of the vote, the election commission announced.",
  ),
  doc(
    "budget",
    "Parliament passes budget after long night",
    "Lawmakers approved next year's budget after a debate that lasted through the night.",
  ),
];

describe("proposeStories", () => {
  it("groups reports of one event and leaves unrelated documents alone", () => {
    const groups = proposeStories([...FLOOD, ...ALONE, ...STRIKE]);
    // flood-local, an aftermath piece that shares little more than the place names, stays below
    // the threshold (0.29 to its nearest); a manager can still add it with "Set story".
    expect(groups.map((g) => [...g.documentIds].sort())).toEqual([
      ["strike-1", "strike-2"],
      ["flood-state", "flood-wire"],
    ]);
    for (const g of groups) expect(g.similarity).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(groups[0]!.keywords).toContain("quennel");
    expect(groups[1]!.keywords).toContain("varnholt");
    // A lower threshold takes it in: the threshold is the one knob.
    expect(proposeStories([...FLOOD, ...ALONE, ...STRIKE], new Set(), 0.25)[0]!.documentIds).toHaveLength(3);
  });

  it("documents on one topic but different events share only common words: no proposal", () => {
    const a = doc("a", "Floods in the north", "Heavy rain caused floods in several towns of the north, officials said.");
    const b = doc("b", "Floods in the south", "Rivers rose in the south after a week of heavy rain; officials said roads were closed.");
    expect(proposeStories([a, b, ...ALONE])).toEqual([]);
  });

  it("a dismissed pair is not linked again; other groups stay", () => {
    const corpus = [...FLOOD, ...ALONE, ...STRIKE];
    const groups = proposeStories(corpus, new Set([pairKey("flood-wire", "flood-state")]));
    expect(groups.map((g) => [...g.documentIds].sort())).toEqual([["strike-1", "strike-2"]]);
    const all = new Set(pairsOf(corpus.map((d) => d.id)).map(([x, y]) => pairKey(x, y)));
    expect(proposeStories(corpus, all, 0)).toEqual([]);
  });

  it("compares only pairs that share a rare word: a word in every document pairs nothing by itself", () => {
    // 60 documents that share only one word: more than RARE_MAX_DF, so no pair is even compared.
    const many = Array.from({ length: 60 }, (_, i) => doc(`d${i}`, `Report ${i}`, `common wording, item number${i} alone`));
    expect(proposeStories(many, new Set(), 0)).toEqual([]);
  });

  it("tokenises words of any script, lowercased, without stop words or short words", () => {
    expect(terms("The Élysée said: 42 of the Šibenik, Москва and TO")).toEqual(["élysée", "šibenik", "москва"]);
    expect(pairsOf(["b", "a", "c", "a"])).toEqual([
      ["a", "b"],
      ["a", "c"],
      ["b", "c"],
    ]);
  });
});
