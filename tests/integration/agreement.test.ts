import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { DEMO_TEXT, label, newActor, newProject } from "../support/team";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { getProjectAgreement, type DimensionAgreement } from "@/server/agreement";
import { streamExport } from "@/server/export";
import { strFromU8, unzipSync } from "fflate";
import { collect } from "../support/export-fixture";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { confusionMatrix, fleissKappa, krippendorffAlpha, pairwiseCohen, percentAgreement, type ReliabilityMatrix } from "@/lib/agreement";

useTestDatabase();

let ana: Actor, ben: Actor, cem: Actor, rita: Actor, stranger: Actor;
let projectId: string;
let doc1: Awaited<ReturnType<typeof newProject>>["documents"][number];
let doc2: typeof doc1;

const GOV = "government_official";
const PARA = "paraphrased_attribution";
const UNATT = "unattributed_claim";
const DQ = "direct_quote";

beforeAll(async () => {
  [ana, ben, cem, rita, stranger] = (await Promise.all(
    ["ana", "ben", "cem", "rita", "stranger"].map((n) => newActor(`${n}@example.org`)),
  )) as [Actor, Actor, Actor, Actor, Actor];
  const p = await newProject(
    "Agreement test",
    [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [cem, "ANNOTATOR"],
      [rita, "REVIEWER"],
    ],
    [
      { title: "Karabakh", text: DEMO_TEXT },
      { title: "Short", text: "Armenia denied the accusations." },
    ],
  );
  projectId = p.projectId;
  [doc1, doc2] = p.documents as [typeof doc1, typeof doc2];
  // Sentences 0, 3, 4, 5, 6 by all three; 8 by Ana and Ben; 7 by Ana only; 1 is boilerplate.
  await label(ana, doc1, 0, {
    sourcing: PARA,
    type: GOV,
    side: "turkey",
    stance: { armenia: "unfavorable", turkey: "neutral" },
    spans: [["war crimes", "loaded_language"]],
  });
  await label(ben, doc1, 0, {
    sourcing: PARA,
    type: GOV,
    side: "turkey",
    stance: { armenia: "unfavorable", turkey: "favorable" },
    spans: [
      ["war crimes", "loaded_language"],
      ["occupied", "loaded_language"],
    ],
  });
  await label(cem, doc1, 0, { sourcing: UNATT, stance: { armenia: "unfavorable" }, spans: [["accused", "loaded_language"]] });
  await label(ana, doc1, 3, { sourcing: PARA, type: GOV, side: "azerbaijan", stance: { turkey: "favorable" } });
  await label(ben, doc1, 3, { sourcing: PARA, type: GOV, side: "azerbaijan", stance: { turkey: "neutral" } });
  await label(cem, doc1, 3, { sourcing: PARA, type: "politician_party", side: "azerbaijan", stance: { armenia: "neutral" } });
  await label(ana, doc1, 4, { sourcing: UNATT, stance: { armenia: "unfavorable" } });
  await label(ben, doc1, 4, { sourcing: PARA, type: GOV, side: "independent_unclear", stance: { armenia: "neutral" } });
  await label(cem, doc1, 4, { sourcing: UNATT, stance: { armenia: "unfavorable" }, spans: [["targeting civilians", "loaded_language"]] });
  for (const a of [ana, ben, cem]) await label(a, doc1, 5, { sourcing: DQ, type: GOV, side: "azerbaijan" });
  await label(ana, doc1, 6, { sourcing: DQ, type: GOV, side: "azerbaijan" });
  await label(ben, doc1, 6, { sourcing: DQ, type: "politician_party", side: "azerbaijan", stance: { armenia: "favorable" } });
  await label(cem, doc1, 6, { sourcing: "no_claim" });
  await label(ana, doc1, 8, { sourcing: "no_claim" });
  await label(ana, doc1, 7, { sourcing: UNATT, stance: { armenia: "unfavorable" } });
  await label(ben, doc1, 7, { sourcing: UNATT, stance: { armenia: "unfavorable" }, spans: [["fiercest", "loaded_language"]] });
  await label(cem, doc1, 7, { sourcing: "no_claim", stance: { armenia: "favorable" }, confirm: false }); // not confirmed: missing
  for (const a of [ana, ben, cem])
    await label(a, doc1, 1, { sourcing: "no_claim", stance: { azerbaijan: a === ana ? "favorable" : "neutral" } }); // boilerplate
  for (const a of [ana, ben]) await label(a, doc2, 0, { sourcing: "no_claim", stance: { armenia: "unfavorable" } });
});

// Reliability data written out by hand from the labels above: units are the sentences 0, 3, 4,
// 5, 6, 7 of the article and the short document's sentence; columns Ana, Ben, Cem.
const rows = (a: (string | null)[], b: (string | null)[], c: (string | null)[]): ReliabilityMatrix<string> => ({
  coders: ["ana", "ben", "cem"],
  units: a.map((_, i) => [a[i]!, b[i]!, c[i]!]),
});
const HAND: Record<string, ReliabilityMatrix<string>> = {
  "stance:armenia": rows(
    ["unfavorable", "none", "unfavorable", "none", "none", "unfavorable", "unfavorable"],
    ["unfavorable", "none", "neutral", "none", "favorable", "unfavorable", "unfavorable"],
    ["unfavorable", "neutral", "unfavorable", "none", "none", null, null],
  ),
  "stance:turkey": rows(
    ["neutral", "favorable", "none", "none", "none", "none", "none"],
    ["favorable", "neutral", "none", "none", "none", "none", "none"],
    ["none", "none", "none", "none", "none", null, null],
  ),
  sourcing: rows(
    [PARA, PARA, UNATT, DQ, DQ, UNATT, "no_claim"],
    [PARA, PARA, PARA, DQ, DQ, UNATT, "no_claim"],
    [UNATT, PARA, UNATT, DQ, "no_claim", null, null],
  ),
  source_type: rows(
    [GOV, GOV, null, GOV, GOV, null, null],
    [GOV, GOV, GOV, GOV, "politician_party", null, null],
    [null, "politician_party", null, GOV, null, null, null],
  ),
  source_side: rows(
    ["turkey", "azerbaijan", null, "azerbaijan", "azerbaijan", null, null],
    ["turkey", "azerbaijan", "independent_unclear", "azerbaijan", "azerbaijan", null, null],
    [null, "azerbaijan", null, "azerbaijan", null, null, null],
  ),
};

/** Token-level data for loaded language, built independently: words of each compared sentence. */
function spanMatrix(): ReliabilityMatrix<string> {
  const marked: Record<string, Record<number, string[]>> = {
    ana: { 0: ["war crimes"] },
    ben: { 0: ["war crimes", "occupied"], 7: ["fiercest"] },
    cem: { 0: ["accused"], 4: ["targeting civilians"] },
  };
  const units: (string | null)[][] = [];
  const sentences: [typeof doc1, number, string[]][] = [
    [doc1, 0, ["ana", "ben", "cem"]],
    [doc1, 3, ["ana", "ben", "cem"]],
    [doc1, 4, ["ana", "ben", "cem"]],
    [doc1, 5, ["ana", "ben", "cem"]],
    [doc1, 6, ["ana", "ben", "cem"]],
    [doc1, 7, ["ana", "ben"]],
    [doc2, 0, ["ana", "ben"]],
  ];
  for (const [doc, i, coders] of sentences) {
    const s = doc.segments[i]!;
    const sentence = doc.text.slice(s.start, s.end);
    for (const w of new Intl.Segmenter("en", { granularity: "word" }).segment(sentence)) {
      if (!w.isWordLike) continue;
      units.push(
        ["ana", "ben", "cem"].map((c) => {
          if (!coders.includes(c)) return null;
          const phrases = marked[c]![doc === doc1 ? i : -1] ?? [];
          return phrases.some((p) => sentence.indexOf(p) <= w.index && w.index < sentence.indexOf(p) + p.length) ? "in" : "out";
        }),
      );
    }
  }
  return { coders: ["ana", "ben", "cem"], units };
}

function expectSame(d: DimensionAgreement, m: ReliabilityMatrix<string>) {
  const ids = { ana: ana.id, ben: ben.id, cem: cem.id } as Record<string, string>;
  const alpha = krippendorffAlpha(m, { level: "nominal" });
  const fleiss = fleissKappa(m);
  const percent = percentAgreement(m);
  expect(d.alpha.value).not.toBeNull();
  expect(d.alpha.value!).toBeCloseTo(alpha.alpha!, 12);
  if (fleiss.kappa === null) expect(d.fleiss.value).toBeNull();
  else expect(d.fleiss.value!).toBeCloseTo(fleiss.kappa, 12);
  expect(d.fleiss.unitsUsed).toBe(fleiss.units);
  expect(d.fleiss.unitsExcluded).toBe(fleiss.unitsExcluded);
  expect(d.percentAgreement.value!).toBeCloseTo(percent.agreement!, 12);
  expect(d.pairableUnits).toBe(alpha.units);
  const pc = pairwiseCohen(m);
  for (const a of ["ana", "ben", "cem"]) {
    for (const b of ["ana", "ben", "cem"]) {
      if (a === b) continue;
      const i = d.pairwise.coders.indexOf(ids[a]!);
      const j = d.pairwise.coders.indexOf(ids[b]!);
      const expected = pc.kappa[pc.coders.indexOf(a)]![pc.coders.indexOf(b)]!;
      if (expected === null) expect(d.pairwise.kappa[i]![j]).toBeNull();
      else expect(d.pairwise.kappa[i]![j]!).toBeCloseTo(expected, 12);
      expect(d.pairwise.n[i]![j]).toBe(pc.n[pc.coders.indexOf(a)]![pc.coders.indexOf(b)]);
    }
  }
  // Confusion matrix of Ana × Ben, compared cell by cell through the category ids.
  const cm = confusionMatrix(m, "ana", "ben");
  const pair = d.confusion.find((c) => c.a === ana.id && c.b === ben.id) ?? d.confusion.find((c) => c.a === ben.id && c.b === ana.id)!;
  const flip = pair.a !== ana.id;
  const cats = d.categories.map((c) => c.id);
  cm.categories.forEach((x, r) =>
    cm.categories.forEach((y, c) => {
      const [row, col] = flip ? [cats.indexOf(y), cats.indexOf(x)] : [cats.indexOf(x), cats.indexOf(y)];
      expect(pair.counts[row]![col]).toBe(cm.counts[r]![c]);
    }),
  );
  expect(pair.n).toBe(cm.n);
}

describe("project agreement", () => {
  it("equals the figures computed directly from the labels, per variable", async () => {
    const r = await getProjectAgreement(rita, projectId);
    expect(r.enoughData).toBe(true);
    expect(r.sentences).toBe(7); // 0, 3, 4, 5, 6, 8 and the short document's sentence
    expect(r.coders.map((c) => c.name).sort()).toEqual(["ana", "ben", "cem"]);
    const byKey = new Map(r.dimensions.map((d) => [d.key, d]));
    expect([...byKey.keys()]).toEqual([
      "stance:armenia",
      "stance:azerbaijan",
      "stance:turkey",
      "sourcing",
      "source_type",
      "source_name", // compared by source ledger entry (tests/integration/sources.test.ts)
      "source_side",
      "spans:loaded_language",
      "spans:opinion_or_speculation",
    ]);
    for (const [key, m] of Object.entries(HAND)) expectSame(byKey.get(key)!, m);
    const spans = byKey.get("spans:loaded_language")!;
    expect(spans.unit).toBe("token");
    expectSame(spans, spanMatrix());
    expect(spans.units).toBe(spanMatrix().units.length);
    expect(byKey.get("stance:armenia")!.label).toBe("Stance toward Armenia");
    expect(byKey.get("stance:armenia")!.categories.map((c) => c.id)).toEqual(["favorable", "unfavorable", "neutral", "none"]);
  });

  it("reports undefined figures as null with a reason, never NaN", async () => {
    const r = await getProjectAgreement(rita, projectId);
    // Nobody took a stance on Azerbaijan outside the boilerplate: every value is "none".
    const az = r.dimensions.find((d) => d.key === "stance:azerbaijan")!;
    expect(az.alpha).toEqual({ value: null, reason: expect.stringMatching(/only one category/) });
    expect(az.fleiss.value).toBeNull();
    expect(az.fleiss.reason).toMatch(/only one category/);
    expect(az.percentAgreement.value).toBe(1);
    expect(az.pairwise.kappa[0]![1]).toBeNull();
    expect(az.pairwise.reason[0]![1]).toMatch(/only one category/);
    const opinion = r.dimensions.find((d) => d.key === "spans:opinion_or_speculation")!;
    expect(opinion.alpha.value).toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });

  it("computes Fleiss' κ over every sentence rated by 2 or more, and says how many were used and left out", async () => {
    const r = await getProjectAgreement(rita, projectId);
    const byKey = new Map(r.dimensions.map((d) => [d.key, d]));
    // sourcing: 3 ratings on five sentences, 2 on the other two; all seven are used (the fixed-m
    // version used only the five with 3 ratings).
    expect(byKey.get("sourcing")!.fleiss).toMatchObject({ unitsUsed: 7, unitsExcluded: 0, minRatings: 2, maxRatings: 3 });
    // source type: 2, 3, 1, 3, 2 ratings (and none on the last two sentences): four used, one with a single rating left out.
    expect(byKey.get("source_type")!.fleiss).toMatchObject({
      unitsUsed: 4,
      unitsExcluded: 1,
      excludedReason: expect.stringMatching(/single rating/),
    });
  });

  it("the dataset package carries the page's figures: Cem's unconfirmed labels of sentence 7 count nowhere", async () => {
    // The package used to compute its own summary from the exported labels, unconfirmed ones
    // included (Cem's "no_claim" and Armenia "favorable" on sentence 7), so its figures differed.
    const page = await getProjectAgreement(rita, projectId);
    const file = await streamExport(rita, projectId, { format: "package", license: "cc-by-4.0" });
    const files = unzipSync(await collect(file.chunks));
    const json = JSON.parse(strFromU8(files["agreement.json"]!)) as { sentences: number; dimensions: DimensionAgreement[] };
    expect(json.sentences).toBe(page.sentences);
    const card = strFromU8(files["README.md"]!);
    expect(json.dimensions.map((d) => d.key)).toEqual(page.dimensions.map((d) => d.key));
    for (const [i, d] of json.dimensions.entries()) {
      const p = page.dimensions[i]!;
      expect([d.alpha, d.fleiss.value, d.fleiss.unitsUsed, d.fleiss.unitsExcluded, d.percentAgreement, d.units, d.pairableUnits]).toEqual([
        p.alpha,
        p.fleiss.value,
        p.fleiss.unitsUsed,
        p.fleiss.unitsExcluded,
        p.percentAgreement,
        p.units,
        p.pairableUnits,
      ]);
      const row = card.split("\n").find((l) => l.startsWith(`| ${p.label} (\`${p.key}\`) |`))!;
      if (p.alpha.value !== null) expect(row).toContain(`| ${p.alpha.value.toFixed(3)} |`);
      expect(row).toContain(`| ${p.fleiss.unitsUsed} (`);
    }
    expect(card).toContain("Fleiss' kappa generalised to a varying number of ratings per unit");
  });

  it("breaks alpha down per document", async () => {
    const r = await getProjectAgreement(rita, projectId);
    expect(r.documents.map((d) => [d.title, d.sentences])).toEqual([
      ["Karabakh", 6],
      ["Short", 1],
    ]);
    const first = (m: ReliabilityMatrix<string>, n: number) => ({ coders: m.coders, units: m.units.slice(0, n) });
    const karabakh = r.documents[0]!;
    expect(karabakh.alpha["stance:armenia"]!.value!).toBeCloseTo(
      krippendorffAlpha(first(HAND["stance:armenia"]!, 6), { level: "nominal" }).alpha!,
      12,
    );
    expect(karabakh.alpha.sourcing!.value!).toBeCloseTo(krippendorffAlpha(first(HAND.sourcing!, 6), { level: "nominal" }).alpha!, 12);
    const short = r.documents[1]!;
    expect(short.alpha.sourcing).toEqual({ value: null, reason: expect.stringMatching(/only one category/) });
  });

  it("has an empty state when fewer than two people confirmed the same sentences", async () => {
    const solo = await newProject(
      "Solo",
      [
        [ana, "ANNOTATOR"],
        [rita, "MANAGER"],
      ],
      [{ title: "Solo", text: "Armenia denied the accusations." }],
    );
    await label(ana, solo.documents[0]!, 0, { sourcing: "no_claim" });
    const r = await getProjectAgreement(rita, solo.projectId);
    expect(r.enoughData).toBe(false);
    expect(r.sentences).toBe(0);
    expect(r.documents).toEqual([]);
    for (const d of r.dimensions) {
      expect(d.alpha).toEqual({ value: null, reason: expect.stringMatching(/fewer than 2 pairable values/) });
      expect(d.percentAgreement.value).toBeNull();
      expect(d.percentAgreement.reason).toBeTruthy();
    }
  });

  it("is for reviewers, managers and admins only", async () => {
    await expect(getProjectAgreement(ana, projectId)).rejects.toThrow(ForbiddenError);
    await expect(getProjectAgreement(stranger, projectId)).rejects.toThrow(NotFoundError);
    await expect(getProjectAgreement({ ...stranger, isAdmin: true }, projectId)).resolves.toMatchObject({ enoughData: true });
    await expect(getProjectAgreement(SYSTEM_ACTOR, projectId)).resolves.toMatchObject({ sentences: 7 });
  });
});
