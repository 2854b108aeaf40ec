import { describe, expect, it } from "vitest";
import { articleReport } from "./article";
import { groupReports } from "./aggregate";
import { compareStory } from "./compare";
import { describeBasis } from "./basis";
import { comparisonRowsCsv, groupRowsCsv } from "./csv";
import { resolveSegments, type AnnotatorLabelRow } from "./resolve";
import { DIMS, INPUT, REPORT_LABELS, segments } from "./fixture.test-helpers";

/** Articles written for Slant's tests, labelled by one annotator (u1), who confirmed every sentence. */
function oneAnnotator(id: string, sentences: string[], labels: [seg: number, dimension: string, target: string, value: unknown][]) {
  const segs = segments(sentences.join(" "), sentences, `${id}-`);
  const rows: AnnotatorLabelRow[] = labels.map(([i, dimension, target, value]) => ({
    userId: "u1",
    segmentId: `${id}-${i}`,
    dimension,
    target,
    value,
  }));
  return resolveSegments(DIMS, {
    segments: segs,
    labels: rows,
    gold: [],
    confirmed: segs.map((s) => ({ segmentId: s.id, userId: "u1", targets: INPUT.targets })),
    targets: INPUT.targets,
  });
}
const attributed = (i: number, kind: string, name: string, side: string): [number, string, string, unknown][] => [
  [i, "sourcing", "", kind],
  [i, "source_name", "", name],
  [i, "source_side", "", side],
];

const doc = (id: string, outlet: string) => ({ id, title: id, outlet, story: "Ganja", publishedAt: null });
const a1 = articleReport(doc("a1", "Outlet A (test)"), resolveSegments(DIMS, INPUT), REPORT_LABELS);
const a2 = articleReport(
  doc("a2", "Outlet A (test)"),
  oneAnnotator(
    "a2",
    ["Written for Slant's tests: a follow-up.", "Ilham Aliyev spoke again."],
    [[0, "sourcing", "", "no_claim"], ...attributed(1, "paraphrased_attribution", "ILHAM ALIYEV", "azerbaijan")],
  ),
  REPORT_LABELS,
);
const b1 = articleReport(
  doc("b1", "Outlet B (test)"),
  oneAnnotator(
    "b1",
    [
      "Written for Slant's tests: another fictional report.",
      "Ilham Aliyev said the strike was a response.",
      '"Civilians were killed," said Nikol Pashinyan.',
      "Observers urged calm, an OSCE statement said.",
    ],
    [
      [0, "sourcing", "", "no_claim"],
      ...attributed(1, "paraphrased_attribution", "Ilham Aliyev", "azerbaijan"),
      ...attributed(2, "direct_quote", "Nikol Pashinyan", "armenia"),
      ...attributed(3, "paraphrased_attribution", "OSCE", "independent_unclear"),
      [2, "stance", "armenia", "favorable"],
    ],
  ),
  REPORT_LABELS,
);

describe("groupReports (per outlet)", () => {
  const [a, b] = groupReports([a1, b1, a2], "outlet");

  it("adds up an outlet's articles; a named source counts once across them", () => {
    expect(a!.key).toBe("Outlet A (test)");
    expect(a!.documents.map((d) => d.id)).toEqual(["a1", "a2"]);
    expect([a!.sentences, a!.words]).toEqual([8, 48]);
    expect(a!.attributed).toMatchObject({
      sentences: 4,
      words: 24,
      direct: { sentences: 1, words: 6 },
      paraphrased: { sentences: 3, words: 18 },
    });
    expect(
      a!.sources.map(({ key, name, sentences, words, documents, side }) => ({ key, name, sentences, words, documents, side })),
    ).toEqual([
      { key: "ilham aliyev", name: "Ilham Aliyev", sentences: 3, words: 17, documents: 2, side: "azerbaijan" },
      { key: "unnamed:armenia", name: null, sentences: 1, words: 7, documents: 1, side: "armenia" },
    ]);
    expect(a!.sides.map((s) => [s.side, s.sentences, s.words, s.sources, s.sentenceShare])).toEqual([
      ["armenia", 1, 7, 1, 1 / 4],
      ["azerbaijan", 3, 17, 1, 3 / 4],
    ]);
    expect(describeBasis(a!.sides[1]!.basis)).toBe("gold 2 · majority 2 · one annotator 2");
    expect(a!.summary).toBe(
      "3 of 4 attributed sentences quote the Azerbaijan side, 1 quotes the Armenia side; 1 unattributed claim; 1 sentence without a resolved sourcing label.",
    );
  });

  it("recomputes shares, net scores and densities from the sums", () => {
    expect(b!.sides.map((s) => [s.side, s.sentences, s.sentenceShare])).toEqual([
      ["armenia", 1, 1 / 3],
      ["azerbaijan", 1, 1 / 3],
      ["independent_unclear", 1, 1 / 3],
    ]);
    expect(a!.stance.map((s) => [s.target, s.total, s.net])).toEqual([
      ["armenia", 2, 0],
      ["azerbaijan", 1, 1],
    ]);
    expect(b!.stance.map((s) => [s.target, s.total, s.net])).toEqual([
      ["armenia", 1, 1],
      ["azerbaijan", 0, null],
    ]);
    expect(a!.loaded).toMatchObject({ spans: 1, words: 1, per100Words: 100 / 48 });
  });

  it("groups by story, documents without one last", () => {
    const noStory = { ...a2, document: { ...a2.document, story: null } };
    expect(groupReports([noStory, a1, b1], "story").map((g) => [g.key, g.documents.length])).toEqual([
      ["Ganja", 2],
      [null, 1],
    ]);
  });
});

describe("compareStory", () => {
  const c = compareStory("Ganja", [a1, b1, a2]);

  it("names the side of each outlet's first quoted source", () => {
    expect(c.outlets.map((o) => [o.key, o.firstSource])).toEqual([
      ["Outlet A (test)", { documentId: "a1", name: "Ilham Aliyev", side: "azerbaijan", sideLabel: "Azerbaijan", sentenceIndex: 1 }],
      ["Outlet B (test)", { documentId: "b1", name: "Ilham Aliyev", side: "azerbaijan", sideLabel: "Azerbaijan", sentenceIndex: 1 }],
    ]);
  });

  it("lists named sources one outlet quotes and another does not (candidate omissions)", () => {
    expect(c.omissions).toEqual([
      {
        key: "nikol pashinyan",
        name: "Nikol Pashinyan",
        side: "armenia",
        quotedBy: [{ outlet: "Outlet B (test)", sentences: 1 }],
        absentFrom: ["Outlet A (test)"],
      },
      {
        key: "osce",
        name: "OSCE",
        side: "independent_unclear",
        quotedBy: [{ outlet: "Outlet B (test)", sentences: 1 }],
        absentFrom: ["Outlet A (test)"],
      },
    ]);
  });
});

describe("the CSV downloads", () => {
  const table = (csv: string) => {
    const [header, ...rows] = csv
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
  };

  it("groupRowsCsv: one row per outlet, a column per side and per stance value any outlet has", () => {
    const [a, b] = table(groupRowsCsv(groupReports([a1, b1, a2], "outlet"), REPORT_LABELS, "outlet"));
    expect(a).toMatchObject({
      outlet: "Outlet A (test)",
      documents: "2",
      sentences: "8",
      words: "48",
      attributed_sentences: "4",
      attributed_words: "24",
      direct_sentences: "1",
      paraphrased_sentences: "3",
      "side:armenia:sentences": "1",
      "side:armenia:words": "7",
      "side:azerbaijan:sentences": "3",
      "side:azerbaijan:sources": "1",
      "side:independent_unclear:sentences": "0",
      "stance:armenia:net": "0",
      "stance:azerbaijan:net": "1",
      loaded_spans: "1",
    });
    expect(b).toMatchObject({
      outlet: "Outlet B (test)",
      "side:independent_unclear:sentences": "1",
      "stance:armenia:favorable": "1",
      "stance:azerbaijan:net": "",
    });
  });

  it("comparisonRowsCsv: one row per story × outlet with its first source and candidate omissions", () => {
    const rows = table(comparisonRowsCsv([compareStory("Ganja", [a1, b1, a2])], REPORT_LABELS));
    expect(rows.map((r) => [r.story, r.outlet, r.first_source_name, r.first_source_side, r.candidate_omissions])).toEqual([
      ["Ganja", "Outlet A (test)", "Ilham Aliyev", "azerbaijan", "Nikol Pashinyan; OSCE"],
      ["Ganja", "Outlet B (test)", "Ilham Aliyev", "azerbaijan", ""],
    ]);
  });
});
