import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { saveGoldLabel } from "@/server/gold";
import { saveAnnotation } from "@/server/annotations";
import { getArticleReport } from "@/server/reports/article";
import { getGroupReports, getStoryComparison } from "@/server/reports/groups";
import { insertDocuments } from "@/server/documents";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { describeBasis } from "@/lib/reports/basis";
import { sentenceBiasTemplate } from "@/lib/schema/templates";
import { comparisonRowsCsv, groupRowsCsv } from "@/lib/reports/csv";
import { REPORT_FILES } from "@/lib/reports/files";
import { streamExport } from "@/server/export";
import { strFromU8, unzipSync } from "fflate";
import { collect } from "../support/export-fixture";

useTestDatabase();

// Written for Slant's tests; no outlet published it.
const TEXT =
  "Written for Slant's tests: a fictional report. Ilham Aliyev said the army would push on. " +
  "A ministry spokesperson said civilians were hit. The strikes were brutal and senseless.";

let ann1: Actor, ann2: Actor, rev: Actor, mgr: Actor, stranger: Actor;
let p: Awaited<ReturnType<typeof newProject>>;

beforeAll(async () => {
  [ann1, ann2, rev, mgr, stranger] = (await Promise.all(
    ["r-a1", "r-a2", "r-rev", "r-mgr", "r-str"].map((n) => newActor(`${n}@example.org`)),
  )) as [Actor, Actor, Actor, Actor, Actor];
  p = await newProject(
    "Reports",
    [
      [ann1, "ANNOTATOR"],
      [ann2, "ANNOTATOR"],
      [rev, "REVIEWER"],
      [mgr, "MANAGER"],
    ],
    [{ title: "Fictional report", text: TEXT }],
  );
  const doc = p.documents[0]!;
  expect(doc.segments).toHaveLength(4);
  for (const a of [ann1, ann2]) {
    await label(a, doc, 0, { sourcing: "no_claim" });
    await label(a, doc, 1, { sourcing: "paraphrased_attribution", type: "government_official", side: "azerbaijan" });
    await label(a, doc, 3, { sourcing: "unattributed_claim", stance: { armenia: "unfavorable" }, spans: [["brutal", "loaded_language"]] });
  }
  await label(ann1, doc, 2, { sourcing: "paraphrased_attribution", type: "government_official", side: "armenia" });
  await label(ann2, doc, 2, { sourcing: "unattributed_claim" });
  // Names through saveAnnotation (the team helper has no name field).
  for (const a of [ann1, ann2])
    await saveAnnotation(a, {
      documentId: doc.id,
      segmentId: doc.segments[1]!.id,
      dimension: "source_name",
      target: null,
      value: "Ilham Aliyev",
      baseVersion: null,
    });
  // The reviewer settles sentence 2, where the annotators disagree.
  for (const [dimension, value] of <[string, string][]>[
    ["sourcing", "paraphrased_attribution"],
    ["source_type", "government_official"],
    ["source_side", "armenia"],
  ])
    await saveGoldLabel(rev, { documentId: doc.id, segmentId: doc.segments[2]!.id, dimension, target: null, value, baseVersion: null });
});

describe("getArticleReport", () => {
  it("computes the article's figures from gold, else majority, and says which for each", async () => {
    const v = await getArticleReport(rev, p.slug, p.documents[0]!.id);
    expect(v.dimensions.missing).toEqual([]);
    const r = v.report;
    expect([r.sentences, r.attributed.sentences, r.unattributed.sentences, r.unresolvedSourcing]).toEqual([4, 2, 1, 0]);
    expect(r.sources.map((s) => [s.name, s.side, s.sentences, s.paraphrased.sentences, describeBasis(s.basis)])).toEqual([
      ["Ilham Aliyev", "azerbaijan", 1, 1, "majority"],
      [null, "armenia", 1, 1, "gold 3 · majority 1"],
    ]);
    expect(r.stance[0]).toMatchObject({ target: "armenia", counts: { unfavorable: 1 }, net: -1 });
    expect(r.loaded).toMatchObject({ spans: 1, words: 1 });
    expect(r.summary).toBe(
      "1 of 2 attributed sentences quotes the Armenia side, 1 quotes the Azerbaijan side; the Turkey side is never quoted; " +
        "1 unattributed claim: “The strikes were brutal and senseless.”.",
    );
    expect(v.annotators.map((a) => a.name).sort()).toEqual(["r-a1", "r-a2"]);
  });

  it("falls back on a chosen annotator, who must have confirmed a sentence of the document", async () => {
    await expect(getArticleReport(mgr, p.slug, p.documents[0]!.id, { annotator: rev.id })).rejects.toBeInstanceOf(InvalidError);
    const v = await getArticleReport(mgr, p.slug, p.documents[0]!.id, { annotator: ann2.id });
    expect(v.annotator).toEqual({ id: ann2.id, name: "r-a2" });
  });

  it("is for reviewers and managers in a blind project, for members in an open one, and not found for strangers", async () => {
    const id = p.documents[0]!.id;
    await expect(getArticleReport(ann1, p.slug, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getArticleReport(stranger, p.slug, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getArticleReport(mgr, p.slug, "no-such-document")).rejects.toBeInstanceOf(NotFoundError);
    const db = await getDb();
    await db.project.update({ where: { id: p.projectId }, data: { blind: false } });
    await expect(getArticleReport(ann1, p.slug, id)).resolves.toMatchObject({ report: { attributed: { sentences: 2 } } });
    await db.project.update({ where: { id: p.projectId }, data: { blind: true } });
  });

  it("says which roles a project's schema lacks", async () => {
    const db = await getDb();
    const other = await newProject("Bias only", [[mgr, "MANAGER"]], [{ title: "T", text: TEXT }]);
    await db.project.update({
      where: { id: other.projectId },
      data: { labelSchema: sentenceBiasTemplate(), schemaVersion: { increment: 1 } },
    });
    const v = await getArticleReport(mgr, other.slug, other.documents[0]!.id);
    expect(v.dimensions.missing.map((m) => m.role)).toEqual(["sourcing", "source_name", "source_type", "source_side", "stance"]);
    expect(v.report.sources).toEqual([]);
  });

  it("merges articles per outlet and per story, and compares a story's outlets", async () => {
    const db = await getDb();
    await db.document.update({ where: { id: p.documents[0]!.id }, data: { outlet: "Outlet A (test)", story: "Ganja" } });
    const second = "Written for Slant's tests: another telling. Nikol Pashinyan said civilians were hit.";
    const { created } = await db.$transaction((tx) =>
      insertDocuments(tx, SYSTEM_ACTOR, p.projectId, [
        { title: "Second telling", text: second, outlet: "Outlet B (test)", story: "Ganja" },
      ]),
    );
    const segs = await db.segment.findMany({ where: { documentId: created[0]! }, orderBy: { index: "asc" } });
    const doc = { id: created[0]!, text: second, segments: segs };
    await label(ann1, doc, 0, { sourcing: "no_claim" });
    await label(ann1, doc, 1, { sourcing: "paraphrased_attribution", type: "government_official", side: "armenia" });
    await saveAnnotation(ann1, {
      documentId: doc.id,
      segmentId: segs[1]!.id,
      dimension: "source_name",
      target: null,
      value: "Nikol Pashinyan",
      baseVersion: null,
    });

    const byOutlet = await getGroupReports(rev, p.slug, { by: "outlet" });
    expect(byOutlet.groups.map((g) => [g.key, g.documents.length, g.attributed.sentences, g.sources.map((s) => s.name)])).toEqual([
      ["Outlet A (test)", 1, 2, ["Ilham Aliyev", null]],
      ["Outlet B (test)", 1, 1, ["Nikol Pashinyan"]],
    ]);
    const byStory = await getGroupReports(rev, p.slug, { by: "story" });
    expect(byStory.groups.map((g) => [g.key, g.attributed.sentences, g.sides.map((s) => [s.side, s.sentences, s.sources])])).toEqual([
      [
        "Ganja",
        3,
        [
          ["armenia", 2, 2],
          ["azerbaijan", 1, 1],
          ["turkey", 0, 0],
        ],
      ],
    ]);

    const { comparison } = await getStoryComparison(mgr, p.slug, { story: "Ganja" });
    expect(comparison.outlets.map((o) => [o.key, o.firstSource?.name, o.firstSource?.side])).toEqual([
      ["Outlet A (test)", "Ilham Aliyev", "azerbaijan"],
      ["Outlet B (test)", "Nikol Pashinyan", "armenia"],
    ]);
    expect(comparison.omissions.map((o) => [o.name, o.absentFrom])).toEqual([
      ["Ilham Aliyev", ["Outlet B (test)"]],
      ["Nikol Pashinyan", ["Outlet A (test)"]],
    ]);
    await expect(getStoryComparison(mgr, p.slug, { story: "No such story" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStoryComparison(ann1, p.slug, { story: "Ganja" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getGroupReports(stranger, p.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getGroupReports(mgr, p.slug, { by: "author" })).rejects.toThrow(/by must be outlet or story/);
  });
});

describe("the reports in the dataset package", () => {
  const files = async (actor: Actor) => unzipSync(await collect((await streamExport(actor, p.slug, { format: "package" })).chunks));

  it("holds every report for reviewers and managers, the same figures as the services'", async () => {
    const zip = await files(mgr);
    expect(Object.keys(zip).filter((n) => n.startsWith("reports/"))).toEqual(Object.values(REPORT_FILES));
    const byStory = await getGroupReports(mgr, p.slug, { by: "story" });
    expect(strFromU8(zip[REPORT_FILES.storiesCsv]!)).toBe(groupRowsCsv(byStory.groups, byStory.labels, "story"));
    const stories = JSON.parse(strFromU8(zip[REPORT_FILES.storiesJson]!)) as { groups: unknown };
    expect(stories.groups).toEqual(JSON.parse(JSON.stringify(byStory.groups)));
    const { comparison } = await getStoryComparison(mgr, p.slug, { story: "Ganja" });
    expect(strFromU8(zip[REPORT_FILES.comparisonsCsv]!)).toBe(comparisonRowsCsv([comparison], byStory.labels));
    expect(strFromU8(zip["README.md"]!)).toContain("`reports/`: the sourcing reports");
  });

  it("says why they are left out for an annotator of a blind project", async () => {
    const zip = await files(ann1);
    expect(Object.keys(zip).filter((n) => n.startsWith("reports/"))).toEqual([REPORT_FILES.readme]);
    expect(strFromU8(zip[REPORT_FILES.readme]!)).toMatch(/Not included: Reports combine every annotator's labels/);
  });
});
