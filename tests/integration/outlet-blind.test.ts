/**
 * Outlet-blind annotation: an annotator of an outlet-blind project never reads a document's outlet,
 * author or URL in any API answer or export, and reads its outlet's names (aliases too) masked in
 * the text; spans selected on the masked text are stored with the original offsets. Reviewers and
 * managers read everything. Outlet aliases merge outlets in the reports.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { label, newActor, newProject } from "../support/team";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createToken } from "@/server/tokens";
import { getDb } from "@/server/db/client";
import { insertDocuments } from "@/server/documents";
import { newId } from "@/lib/ids";
import { getProjectSettings, updateProjectSettings } from "@/server/project-settings";
import { getOutletAliases, updateOutletAliases } from "@/server/outlets";
import { getGroupReports } from "@/server/reports/groups";
import { getWorkspace, listDocumentsForAnnotator } from "@/server/workspace";
import { sendBack } from "@/server/review";
import { ForbiddenError, InvalidError } from "@/server/errors";
import { rangeToOriginal, type Replacement } from "@/lib/outlets/mask";
import { EXPORT_FORMATS } from "@/lib/export/types";
import { GET as listProjects } from "@/app/api/v1/projects/route";
import { GET as projectRoute } from "@/app/api/v1/projects/[projectId]/route";
import { GET as listDocuments } from "@/app/api/v1/projects/[projectId]/documents/route";
import { GET as listAnnotations } from "@/app/api/v1/projects/[projectId]/annotations/route";
import { POST as nextDocument } from "@/app/api/v1/projects/[projectId]/next-document/route";
import { GET as docSuggestions } from "@/app/api/v1/projects/[projectId]/documents/[documentId]/suggestions/route";
import { GET as docReport } from "@/app/api/v1/projects/[projectId]/documents/[documentId]/report/route";
import { GET as reports } from "@/app/api/v1/projects/[projectId]/reports/route";
import { GET as exportRoute } from "@/app/api/v1/projects/[projectId]/export/route";
import { GET as estimateRoute } from "@/app/api/v1/projects/[projectId]/export/estimate/route";
import { GET as documentRoute } from "@/app/api/v1/documents/[documentId]/route";
import { GET as myLabels } from "@/app/api/v1/documents/[documentId]/annotations/route";
import { GET as reviewComments } from "@/app/api/v1/documents/[documentId]/review-comments/route";
import { POST as saveLabel } from "@/app/api/v1/annotations/route";

useTestDatabase();

// Written for Slant's tests; no outlet published these sentences.
const TEXT_A =
  "Talks resume in Geneva.\n\nSource: TRTWorld and agencies. The minister told TRT World on Monday that talks would go on. 😀 By Jana Roe.";
const TEXT_B = "Ceasefire holds in the north.\n\nA spokesman told trt world the line was quiet. Officials agreed.";

/** What must never reach an outlet-blind annotator. */
const LEAKS = [/trt\s?world/i, /\bTRT\b/, /jana roe/i, /example\.test/i];
const leaks = (body: string) => LEAKS.filter((r) => r.test(body)).map(String);

let manager: Actor, ann: Actor, ann2: Actor, reviewer: Actor;
let projectId: string, slug: string, docA: string, docB: string;
let annToken: string, reviewerToken: string;

const BASE = "http://slant.test";
const req = (path: string, token: string, init: RequestInit = {}) =>
  new Request(`${BASE}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

beforeAll(async () => {
  [manager, ann, ann2, reviewer] = await Promise.all([
    newActor("mgr@ob.test"),
    newActor("ann@ob.test"),
    newActor("ann2@ob.test"),
    newActor("rev@ob.test"),
  ]);
  const p = await newProject(
    "Outlet-blind",
    [
      [manager, "MANAGER"],
      [ann, "ANNOTATOR"],
      [ann2, "ANNOTATOR"],
      [reviewer, "REVIEWER"],
    ],
    [],
  );
  ({ projectId, slug } = p);
  const db = await getDb();
  const r = await db.$transaction((tx) =>
    insertDocuments(tx, SYSTEM_ACTOR, projectId, [
      { title: "TRT World: talks resume", text: TEXT_A, outlet: "TRT World", author: "Jana Roe", url: "https://example.test/a" },
      { title: "Ceasefire holds", text: TEXT_B, outlet: "TRTWorld", url: "https://example.test/b" },
    ]),
  );
  [docA, docB] = r.created as [string, string];
  // Not blind: annotators would see each other's labels, and reports.
  await updateProjectSettings(manager, projectId, { blind: false, skipBoilerplate: true, overlap: 2, outletBlind: true });
  await updateOutletAliases(manager, projectId, { outlets: [{ outlet: "TRT World", aliases: ["TRTWorld", "TRT"] }] });
  // A colleague's free-text label, a suggestion and a reviewer's comment that name the outlet.
  const segsA = await db.segment.findMany({ where: { documentId: docA }, orderBy: { index: "asc" } });
  const doc = { id: docA, text: TEXT_A, segments: segsA };
  const quoted = segsA.findIndex((s) => TEXT_A.slice(s.start, s.end).includes("minister"));
  await label(ann2, doc, quoted, { sourcing: "paraphrased_attribution", spans: [["TRT World", "loaded_language"]], confirm: false });
  const { saveAnnotation } = await import("@/server/annotations");
  await saveAnnotation(ann2, {
    documentId: docA,
    segmentId: segsA[quoted]!.id,
    dimension: "source_name",
    target: null,
    value: "TRT World",
    baseVersion: null,
  });
  await db.suggestionSet.create({
    data: {
      id: newId(),
      projectId,
      documentId: docA,
      provider: "rules",
      items: [
        {
          segmentId: segsA[quoted]!.id,
          suggestions: [{ dimension: "source_name", target: null, value: "TRT World", confidence: 0.9, rule: "test" }],
        },
      ],
    },
  });
  await label(ann, doc, quoted, { sourcing: "paraphrased_attribution", confirm: false });
  await sendBack(reviewer, { documentId: docA, segmentId: segsA[quoted]!.id, annotatorId: ann.id, comment: "Is TRT World the source?" });
  annToken = (await createToken(ann, { name: "t", scope: "write" })).secret;
  reviewerToken = (await createToken(reviewer, { name: "t", scope: "read" })).secret;
});

/** Every API answer an annotator can reach, with its status. */
async function annotatorAnswers(token: string) {
  const P = params({ projectId: slug });
  const D = (documentId: string) => params({ documentId });
  const PD = (documentId: string) => params({ projectId: slug, documentId });
  const answers: [string, Response][] = [
    ["projects", await listProjects(req("/api/v1/projects", token), {})],
    ["project", await projectRoute(req(`/api/v1/projects/${slug}`, token), P)],
    ["documents", await listDocuments(req(`/api/v1/projects/${slug}/documents`, token), P)],
    ["annotations", await listAnnotations(req(`/api/v1/projects/${slug}/annotations`, token), P)],
    ["next-document", await nextDocument(req(`/api/v1/projects/${slug}/next-document`, token, { method: "POST", body: "{}" }), P)],
    ["estimate", await estimateRoute(req(`/api/v1/projects/${slug}/export/estimate?format=jsonl`, token), P)],
    ["reports", await reports(req(`/api/v1/projects/${slug}/reports`, token), P)],
  ];
  for (const format of EXPORT_FORMATS)
    answers.push([`export ${format}`, await exportRoute(req(`/api/v1/projects/${slug}/export?format=${format}`, token), P)]);
  for (const d of [docA, docB]) {
    answers.push(
      [`document ${d}`, await documentRoute(req(`/api/v1/documents/${d}`, token), D(d))],
      [`my labels ${d}`, await myLabels(req(`/api/v1/documents/${d}/annotations`, token), D(d))],
      [`review comments ${d}`, await reviewComments(req(`/api/v1/documents/${d}/review-comments`, token), D(d))],
      [`suggestions ${d}`, await docSuggestions(req(`/api/v1/projects/${slug}/documents/${d}/suggestions`, token), PD(d))],
      [`report ${d}`, await docReport(req(`/api/v1/projects/${slug}/documents/${d}/report`, token), PD(d))],
    );
  }
  return Promise.all(answers.map(async ([name, res]) => ({ name, status: res.status, body: await res.text() })));
}

describe("outlet-blind annotation", () => {
  it("no API answer or export an annotator can reach names the outlet, the author or the URL", async () => {
    const answers = await annotatorAnswers(annToken);
    for (const a of answers) expect({ name: a.name, leaks: leaks(a.body) }).toEqual({ name: a.name, leaks: [] });
    const status = Object.fromEntries(answers.map((a) => [a.name, a.status]));
    // Readable: the documents, masked; refused: whatever holds outlets by design (exports, reports).
    expect(status).toMatchObject({ projects: 200, project: 200, documents: 200, annotations: 200, "next-document": 200 });
    expect(status).toMatchObject({ estimate: 403, reports: 403, [`report ${docA}`]: 403 });
    for (const format of EXPORT_FORMATS) expect(status[`export ${format}`]).toBe(403);
    expect(status[`document ${docA}`]).toBe(200);
    const doc = JSON.parse(answers.find((a) => a.name === `document ${docA}`)!.body) as {
      text: string;
      title: string;
      outlet: null;
      author: null;
      url: null;
      masks: Replacement[];
    };
    expect(doc).toMatchObject({ outlet: null, author: null, url: null, title: "[outlet]: talks resume" });
    expect(doc.text).toBe(
      "Talks resume in Geneva.\n\nSource: [outlet] and agencies. The minister told [outlet] on Monday that talks would go on. 😀 By [author].",
    );
    expect(doc.masks).toHaveLength(3);
    // The colleague's free text, the suggestion and the comment are masked too.
    expect(answers.find((a) => a.name === `review comments ${docA}`)!.body).toContain("Is [outlet] the source?");
    expect(answers.find((a) => a.name === `suggestions ${docA}`)!.body).toContain('"value":"[outlet]"');
  });

  it("reviewers and managers read everything", async () => {
    const res = await documentRoute(req(`/api/v1/documents/${docA}`, reviewerToken), params({ documentId: docA }));
    const doc = (await res.json()) as { text: string; outlet: string; author: string; url: string; masks: unknown[] };
    expect(doc).toMatchObject({ text: TEXT_A, outlet: "TRT World", author: "Jana Roe", url: "https://example.test/a", masks: [] });
    const list = await listDocumentsForAnnotator(manager, projectId);
    expect(list.documents.map((d) => d.outlet)).toEqual(["TRT World", "TRTWorld"]);
    const ws = await getWorkspace(reviewer, projectId, docA);
    expect(ws.document.text).toBe(TEXT_A);
  });

  it("the workspace gives the annotator masked text with every offset in it, and others' text labels masked", async () => {
    const ws = await getWorkspace(ann, projectId, docA);
    expect(leaks(JSON.stringify(ws))).toEqual([]);
    expect(ws.outletBlind).toBe(true);
    for (const s of ws.segments) expect(s.end).toBeGreaterThanOrEqual(s.start);
    const sentence = ws.segments.map((s) => ws.document.text.slice(s.start, s.end)).find((t) => t.includes("minister"));
    expect(sentence).toBe("The minister told [outlet] on Monday that talks would go on.");
    // The colleague's span over "TRT World" is over the placeholder on the masked text.
    const span = ws.others.find((o) => o.dimension === "spans")!.value as { start: number; end: number }[];
    expect(ws.document.text.slice(span[0]!.start, span[0]!.end)).toBe("[outlet]");
  });

  it("a span selected on the masked text is stored with the original offsets", async () => {
    const res = await documentRoute(req(`/api/v1/documents/${docA}`, annToken), params({ documentId: docA }));
    const doc = (await res.json()) as { text: string; masks: Replacement[]; segments: { id: string; start: number; end: number }[] };
    const seg = doc.segments.find((s) => doc.text.slice(s.start, s.end).includes("minister"))!;
    // "told [outlet] on": the placeholder and the words around it, as the annotator sees them.
    const at = doc.text.indexOf("told [outlet] on");
    const original = rangeToOriginal(doc.masks, { start: at, end: at + "told [outlet] on".length });
    const body = JSON.stringify({
      documentId: docA,
      segmentId: seg.id,
      dimension: "spans",
      target: null,
      value: [{ ...original, label: "loaded_language" }],
      baseVersion: null,
    });
    expect((await saveLabel(req("/api/v1/annotations", annToken, { method: "POST", body }), {})).status).toBe(200);
    const stored = await (await getDb()).annotation.findFirstOrThrow({ where: { userId: ann.id, documentId: docA, dimension: "spans" } });
    const [s] = stored.value as { start: number; end: number }[];
    expect(TEXT_A.slice(s!.start, s!.end)).toBe("told TRT World on");
    // Read back in the workspace, the span covers the same masked words.
    const ws = await getWorkspace(ann, projectId, docA);
    const mine = ws.annotations.find((a) => a.dimension === "spans")!.value as { start: number; end: number }[];
    expect(ws.document.text.slice(mine[0]!.start, mine[0]!.end)).toBe("told [outlet] on");
  });

  it("is a manager's setting, audited; off, annotators see outlets again", async () => {
    expect((await getProjectSettings(manager, projectId)).project.outletBlind).toBe(true);
    await expect(
      updateProjectSettings(ann, projectId, { blind: false, skipBoilerplate: true, overlap: 2, outletBlind: false }),
    ).rejects.toThrow(ForbiddenError);
    await updateProjectSettings(manager, projectId, { blind: false, skipBoilerplate: true, overlap: 2, outletBlind: false });
    const events = await (
      await getDb()
    ).auditEvent.findMany({ where: { projectId, action: "project.settings" }, orderBy: { createdAt: "asc" } });
    expect(events.at(-1)!.after).toMatchObject({ outletBlind: false });
    expect((await listDocumentsForAnnotator(ann, projectId)).documents[0]!.outlet).toBe("TRT World");
    await updateProjectSettings(manager, projectId, { blind: false, skipBoilerplate: true, overlap: 2, outletBlind: true });
    expect((await listDocumentsForAnnotator(ann, projectId)).documents[0]!.outlet).toBeNull();
  });
});

describe("outlet aliases", () => {
  it("group the reports' outlets under one name", async () => {
    const view = await getGroupReports(manager, projectId, { by: "outlet" });
    expect(view.groups.map((g) => [g.key, g.documents.length])).toEqual([["TRT World", 2]]);
    const { outlets } = await getOutletAliases(manager, projectId);
    expect(outlets).toEqual([{ outlet: "TRT World", aliases: ["TRT", "TRTWorld"], documents: 2 }]);
  });

  it("are checked: no alias twice, no outlet as another's alias, managers only", async () => {
    await expect(
      updateOutletAliases(manager, projectId, {
        outlets: [
          { outlet: "TRT World", aliases: ["TRTWorld"] },
          { outlet: "Other", aliases: ["trtworld"] },
        ],
      }),
    ).rejects.toThrow(/already an alias of "TRT World"/);
    await expect(
      updateOutletAliases(manager, projectId, {
        outlets: [
          { outlet: "TRT World", aliases: ["Other"] },
          { outlet: "Other", aliases: ["Else"] },
        ],
      }),
    ).rejects.toThrow(InvalidError);
    await expect(updateOutletAliases(reviewer, projectId, { outlets: [] })).rejects.toThrow(ForbiddenError);
    // Unmerged: two outlets again, and the masking of document B no longer knows "TRT World".
    await updateOutletAliases(manager, projectId, { outlets: [{ outlet: "TRT World", aliases: [] }] });
    const view = await getGroupReports(manager, projectId, { by: "outlet" });
    expect(view.groups.map((g) => g.key).sort()).toEqual(["TRT World", "TRTWorld"]);
    const ws = await getWorkspace(ann, projectId, docB);
    expect(ws.document.text).toContain("told trt world the line");
    await updateOutletAliases(manager, projectId, { outlets: [{ outlet: "TRT World", aliases: ["TRTWorld", "TRT"] }] });
    expect((await getWorkspace(ann, projectId, docB)).document.text).toContain("told [outlet] the line");
  });
});
