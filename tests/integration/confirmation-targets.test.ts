/**
 * A confirmation covers the targets the project had when the annotator confirmed: a target added
 * afterwards is "not annotated" for that annotator (never "none") in the workspace, agreement,
 * review and export, until they confirm the sentence again; import:slant carries what was covered.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { collect } from "../support/export-fixture";
import { DEMO_TEXT, label, newActor, newProject } from "../support/team";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { setSegmentStatus } from "@/server/annotations";
import { getProjectAgreement } from "@/server/agreement";
import { streamExport } from "@/server/export";
import { importSlantJsonl } from "@/server/import-slant";
import { createProject } from "@/server/projects";
import { getProjectSettings, updateTargets } from "@/server/project-settings";
import { getReview, listReviewDocuments } from "@/server/review";
import { getWorkspace, listDocumentsForAnnotator, setDocumentDone } from "@/server/workspace";
import { InvalidError } from "@/server/errors";
import type { SentenceRecord } from "@/lib/export/types";

useTestDatabase();

let ana: Actor, ben: Actor, maria: Actor;
let p: Awaited<ReturnType<typeof newProject>>;
let doc: (typeof p)["documents"][number];

async function jsonl(projectId: string): Promise<SentenceRecord[]> {
  const file = await streamExport(SYSTEM_ACTOR, projectId, { format: "jsonl", filters: { includeBoilerplate: true } });
  return new TextDecoder()
    .decode(await collect(file.chunks))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as SentenceRecord);
}
const stanceOf = (records: SentenceRecord[], sentence: number, annotator: string) =>
  records.find((r) => r.sentence_index === sentence)!.annotations.find((a) => a.annotator === annotator)!.labels.stance as Record<
    string,
    string | null
  >;

async function setTargets(names: string[]) {
  const current = (await getProjectSettings(maria, p.projectId)).targets;
  const byName = new Map(current.map((t) => [t.name, t.id]));
  await updateTargets(maria, p.projectId, { targets: names.map((name) => ({ id: byName.get(name), name })), confirmLabelDeletion: true });
}

beforeAll(async () => {
  [ana, ben, maria] = (await Promise.all(["ana", "ben", "maria"].map((n) => newActor(`${n}@example.org`)))) as [Actor, Actor, Actor];
  p = await newProject(
    "Added targets",
    [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [maria, "MANAGER"],
    ],
    [{ title: "Karabakh", text: DEMO_TEXT }],
  );
  doc = p.documents[0]!;
  // Before Russia exists: both confirm sentences 0 and 3 (annotator_1 is Ana: her label comes first).
  await label(ana, doc, 0, { sourcing: "unattributed_claim", stance: { armenia: "unfavorable" } });
  await label(ben, doc, 0, { sourcing: "unattributed_claim", stance: { armenia: "unfavorable" } });
  await label(ana, doc, 3, { sourcing: "no_claim" });
  await label(ben, doc, 3, { sourcing: "no_claim" });
  await setTargets(["Armenia", "Azerbaijan", "Turkey", "Russia"]);
  // After: Ana confirms sentence 4, which covers Russia.
  await label(ana, doc, 4, { sourcing: "no_claim" });
});

describe("a target added after annotation", () => {
  it("is not annotated (null, not 'none') in the export for sentences confirmed before it, 'none' after", async () => {
    const records = await jsonl(p.projectId);
    expect(stanceOf(records, 0, "annotator_1")).toEqual({ armenia: "unfavorable", azerbaijan: "none", turkey: "none", russia: null });
    expect(stanceOf(records, 3, "annotator_2")).toEqual({ armenia: "none", azerbaijan: "none", turkey: "none", russia: null });
    expect(stanceOf(records, 4, "annotator_1")).toEqual({ armenia: "none", azerbaijan: "none", turkey: "none", russia: "none" });
    expect(records.find((r) => r.sentence_index === 3)!.majority!.stance).toMatchObject({ armenia: "none", russia: null });
  });

  it("does not count in agreement: nobody judged Russia on the sentences compared", async () => {
    const r = await getProjectAgreement(maria, p.projectId);
    const russia = r.dimensions.find((d) => d.key === "stance:russia")!;
    expect(russia.pairableUnits).toBe(0);
    expect(russia.coders).toEqual([]);
    expect(russia.alpha.value).toBeNull();
    const turkey = r.dimensions.find((d) => d.key === "stance:turkey")!;
    expect(turkey.pairableUnits).toBe(2); // sentences 0 and 3: both annotators said "none"
  });

  it("review shows Russia as not answered and takes no vote on it", async () => {
    const s0 = (await getReview(maria, p.projectId, doc.id)).sentences[0]!;
    expect(s0.labels.map((l) => [l.confirmed, l.notConfirmedFor])).toEqual([
      [true, ["russia"]],
      [true, ["russia"]],
    ]);
    expect(s0.verdicts["stance:russia"]!.majority).toBeNull();
    expect(s0.verdicts["stance:turkey"]!.majority).toMatchObject({ value: null, votes: 2, of: 2 });
    expect((await listReviewDocuments(maria, p.projectId)).documents[0]).toMatchObject({ compared: 2, disagreements: 0 });
  });

  it("the workspace shows the sentences that need Russia, counted as not done until confirmed again", async () => {
    const w = await getWorkspace(ana, p.projectId, doc.id);
    const bySegment = new Map(w.statuses.map((s) => [s.segmentId, s]));
    expect(bySegment.get(doc.segments[0]!.id)).toMatchObject({ confirmed: false, needsTargets: ["russia"] });
    expect(bySegment.get(doc.segments[3]!.id)).toMatchObject({ confirmed: false, needsTargets: ["russia"] });
    expect(bySegment.get(doc.segments[4]!.id)).toMatchObject({ confirmed: true, needsTargets: [] });
    expect((await listDocumentsForAnnotator(ana, p.projectId)).documents[0]!.completed).toBe(1);
    await expect(setDocumentDone(ana, { documentId: doc.id, done: true })).rejects.toThrow(InvalidError);

    // Enter again on sentence 0: now confirmed for Russia too ("none"), and done.
    const s0 = bySegment.get(doc.segments[0]!.id)!;
    const again = await setSegmentStatus(ana, { documentId: doc.id, segmentId: s0.segmentId, confirmed: true, baseVersion: s0.version });
    expect(again).toMatchObject({ confirmed: true, version: s0.version + 1 });
    const after = await getWorkspace(ana, p.projectId, doc.id);
    expect(after.statuses.find((s) => s.segmentId === s0.segmentId)).toMatchObject({ confirmed: true, needsTargets: [] });
    expect((await listDocumentsForAnnotator(ana, p.projectId)).documents[0]!.completed).toBe(2);
    expect(stanceOf(await jsonl(p.projectId), 0, "annotator_1")).toMatchObject({ russia: "none" });
    // A retried confirm (its answer lost) is idempotent once the sentence is confirmed for every target.
    expect(await setSegmentStatus(ana, { documentId: doc.id, segmentId: s0.segmentId, confirmed: true, baseVersion: s0.version })).toEqual(
      again,
    );
  });

  it("a target removed and added again is a new target: earlier confirmations do not cover it", async () => {
    await label(ben, doc, 5, { sourcing: "no_claim" }); // covers the current Russia
    await setTargets(["Armenia", "Azerbaijan", "Turkey"]);
    await setTargets(["Armenia", "Azerbaijan", "Turkey", "Russia"]);
    expect(stanceOf(await jsonl(p.projectId), 5, "annotator_2")).toMatchObject({ turkey: "none", russia: null });
  });

  it("import:slant carries what each confirmation covered", async () => {
    const exported = await jsonl(p.projectId);
    const copy = await createProject(SYSTEM_ACTOR, { name: "Copy", targets: ["Armenia", "Azerbaijan", "Turkey", "Russia"] });
    await importSlantJsonl(SYSTEM_ACTOR, copy.id, new TextEncoder().encode(exported.map((r) => JSON.stringify(r)).join("\n")));
    const again = await jsonl(copy.id);
    // Suggestions are not compared: the import has this server's providers compute them for the copy; the source never had any.
    const strip = (rs: SentenceRecord[]) =>
      rs.map((r) => ({ ...r, project: null, document: { ...r.document, id: null }, suggestions: [] }));
    expect(strip(again)).toEqual(strip(exported));
    expect(stanceOf(again, 3, "annotator_2")).toMatchObject({ turkey: "none", russia: null });
    const db = await getDb();
    const statuses = await db.segmentStatus.findMany({
      where: { segment: { document: { projectId: copy.id } }, confirmedAt: { not: null } },
    });
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses) expect(Array.isArray(s.confirmedTargets)).toBe(true);
  });
});
