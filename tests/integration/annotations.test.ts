import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../support/db";
import { newProject } from "../support/team";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { getWorkspace, listDocumentsForAnnotator, setDocumentDone } from "@/server/workspace";
import { getBulkDb, getDb, type Tx } from "@/server/db/client";
import { AppError, ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { newId } from "@/lib/ids";

useTestDatabase();

const TEXT = `Armenia denied the accusations.

"There is no military solution," he told a news conference on Monday.

Turkey, meanwhile, has supported Baku's right to self-defense.`;

let ana: Actor, ben: Actor, stranger: Actor;
let projectId: string, documentId: string, segIds: string[], otherDocSeg: string;

async function actor(email: string): Promise<Actor> {
  const u = await createUser(SYSTEM_ACTOR, { email, name: email, password: "a long password" });
  return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

async function snapshot() {
  const db = await getDb();
  return {
    annotations: await db.annotation.findMany({ orderBy: { id: "asc" } }),
    audit: await db.auditEvent.count(),
    statuses: await db.segmentStatus.count(),
  };
}

beforeAll(async () => {
  ana = await actor("ana@example.org");
  ben = await actor("ben@example.org");
  stranger = await actor("stranger@example.org");
  const p = await createProject(SYSTEM_ACTOR, { name: "Workspace test", targets: ["Armenia", "Azerbaijan", "Turkey"] });
  projectId = p.id;
  for (const a of [ana, ben]) await addMember(SYSTEM_ACTOR, p.id, { email: a.email, role: "ANNOTATOR" });
  const db = await getDb();
  const r = await db.$transaction((tx) =>
    insertDocuments(tx, SYSTEM_ACTOR, p.id, [
      { title: "Doc", text: TEXT },
      { title: "Other", text: "Another text entirely." },
    ]),
  );
  documentId = r.created[0]!;
  segIds = (await db.segment.findMany({ where: { documentId }, orderBy: { index: "asc" } })).map((s) => s.id);
  otherDocSeg = (await db.segment.findFirstOrThrow({ where: { documentId: r.created[1]! } })).id;
});

describe("saving labels", () => {
  it("saves, versions and audits a label in one transaction", async () => {
    const a = await saveAnnotation(ana, {
      documentId,
      segmentId: segIds[0]!,
      dimension: "stance",
      target: "armenia",
      value: "neutral",
      baseVersion: null,
    });
    expect(a).toMatchObject({ version: 1, value: "neutral", target: "armenia" });
    const b = await saveAnnotation(ana, {
      documentId,
      segmentId: segIds[0]!,
      dimension: "stance",
      target: "armenia",
      value: "unfavorable",
      baseVersion: 1,
    });
    expect(b.version).toBe(2);
    const db = await getDb();
    const events = await db.auditEvent.findMany({ where: { action: "annotation.save", actorId: ana.id }, orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toMatchObject({ value: "neutral", version: 1 });
  });

  it("refuses a stale version (another tab) with the current value, and accepts a retried identical save", async () => {
    const stale = saveAnnotation(ana, {
      documentId,
      segmentId: segIds[0]!,
      dimension: "stance",
      target: "armenia",
      value: "favorable",
      baseVersion: 1,
    });
    await expect(stale).rejects.toThrow(ConflictError);
    await stale.catch((e: ConflictError) => expect(e.details).toMatchObject({ current: { value: "unfavorable", version: 2 } }));
    // The answer to version 2's save was lost; the client retries with base 1 and the same value.
    const retried = await saveAnnotation(ana, {
      documentId,
      segmentId: segIds[0]!,
      dimension: "stance",
      target: "armenia",
      value: "unfavorable",
      baseVersion: 1,
    });
    expect(retried.version).toBe(2);
  });

  it("clears a label to null and keeps its version line", async () => {
    const c = await saveAnnotation(ana, {
      documentId,
      segmentId: segIds[0]!,
      dimension: "stance",
      target: "armenia",
      value: null,
      baseVersion: 2,
    });
    expect(c).toMatchObject({ value: null, version: 3 });
    const ws = await getWorkspace(ana, projectId, documentId);
    expect(ws.annotations.find((a) => a.dimension === "stance")).toMatchObject({ value: null, version: 3 });
  });

  it.each([
    [{ dimension: "nope", target: null, value: "x" }, /unknown dimension/],
    [{ dimension: "sourcing", target: null, value: "hearsay" }, /not one of/],
    [{ dimension: "stance", target: "narnia", value: "neutral" }, /target/],
    [{ dimension: "stance", target: null, value: "neutral" }, /target/],
    [{ dimension: "spans", target: null, value: [{ start: 9000, end: 9005, label: "loaded_language" }] }, /outside/],
    [{ dimension: "spans", target: null, value: [{ start: 0, end: 7, label: "shouting" }] }, /not one of/],
  ])("refuses an invalid value %j and changes nothing", async (bad, message) => {
    const before = await snapshot();
    await expect(saveAnnotation(ana, { documentId, segmentId: segIds[1]!, baseVersion: null, ...bad })).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a sentence of another document, and anything from a non-member, as not found", async () => {
    const before = await snapshot();
    await expect(
      saveAnnotation(ana, {
        documentId,
        segmentId: otherDocSeg,
        dimension: "sourcing",
        target: null,
        value: "no_claim",
        baseVersion: null,
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      saveAnnotation(stranger, {
        documentId,
        segmentId: segIds[1]!,
        dimension: "sourcing",
        target: null,
        value: "no_claim",
        baseVersion: null,
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(getWorkspace(stranger, projectId, documentId)).rejects.toThrow(NotFoundError);
    await expect(saveAnnotation(ana, { documentId, segmentId: segIds[1]! } as never)).rejects.toThrow(InvalidError);
    expect(await snapshot()).toEqual(before);
  });

  it("stores spans snapped to words", async () => {
    const seg = segIds[2]!;
    const db = await getDb();
    const s = await db.segment.findUniqueOrThrow({ where: { id: seg } });
    const start = TEXT.indexOf("supported") + 2; // inside the word
    const a = await saveAnnotation(ana, {
      documentId,
      segmentId: seg,
      dimension: "spans",
      target: null,
      value: [{ start, end: start + 3, label: "loaded_language" }],
      baseVersion: null,
    });
    const span = (a.value as { start: number; end: number }[])[0]!;
    expect(TEXT.slice(span.start, span.end)).toBe("supported");
    expect(span.start).toBeGreaterThanOrEqual(s.start);
  });
});

describe("blind annotation, confirmation and done", () => {
  it("shows each annotator only their own labels", async () => {
    await saveAnnotation(ben, {
      documentId,
      segmentId: segIds[1]!,
      dimension: "sourcing",
      target: null,
      value: "direct_quote",
      baseVersion: null,
    });
    const forAna = await getWorkspace(ana, projectId, documentId);
    expect(forAna.annotations.every((a) => a.segmentId !== segIds[1] || a.dimension !== "sourcing")).toBe(true);
    const forBen = await getWorkspace(ben, projectId, documentId);
    expect(forBen.annotations.map((a) => a.dimension)).toEqual(["sourcing"]);
    expect(forAna.others).toEqual([]);
    // With blind annotation switched off, others' labels come with their names.
    const db = await getDb();
    await db.project.update({ where: { id: projectId }, data: { blind: false } });
    const open = await getWorkspace(ana, projectId, documentId);
    expect(open.others).toContainEqual({
      segmentId: segIds[1],
      dimension: "sourcing",
      target: null,
      value: "direct_quote",
      annotator: ben.name,
    });
    await db.project.update({ where: { id: projectId }, data: { blind: true } });
  });

  it("confirms a sentence only when its required labels are there", async () => {
    // Ben's sentence 2 is a direct quote: source type and side are required.
    await expect(setSegmentStatus(ben, { documentId, segmentId: segIds[1]!, confirmed: true, baseVersion: null })).rejects.toThrow(
      /source_type/,
    );
    await saveAnnotation(ben, {
      documentId,
      segmentId: segIds[1]!,
      dimension: "source_type",
      target: null,
      value: "government_official",
      baseVersion: null,
    });
    await saveAnnotation(ben, {
      documentId,
      segmentId: segIds[1]!,
      dimension: "source_side",
      target: null,
      value: "azerbaijan",
      baseVersion: null,
    });
    const st = await setSegmentStatus(ben, { documentId, segmentId: segIds[1]!, confirmed: true, baseVersion: null });
    expect(st).toMatchObject({ confirmed: true, version: 1 });
    const list = await listDocumentsForAnnotator(ben, projectId);
    expect(list.documents.find((d) => d.id === documentId)).toMatchObject({ completed: 1, status: "in_progress", sentences: 3 });
  });

  it("marks a document done only when complete, unless explicitly allowed", async () => {
    await expect(setDocumentDone(ben, { documentId, done: true })).rejects.toThrow(/2 sentences are not complete/);
    await setDocumentDone(ben, { documentId, done: true, allowIncomplete: true });
    const list = await listDocumentsForAnnotator(ben, projectId);
    expect(list.documents.find((d) => d.id === documentId)?.status).toBe("done");
    await expect(setDocumentDone(stranger, { documentId, done: true, allowIncomplete: true })).rejects.toThrow(NotFoundError);
  });
});

describe("audit log", () => {
  it("lists label changes with who, when, before and after, filterable; managers only", async () => {
    const { listAuditEvents } = await import("@/server/audit-log");
    const all = await listAuditEvents(SYSTEM_ACTOR, projectId, { action: "annotation." });
    const first = all.events.find((e) => e.who.startsWith(`${ana.name} <`) && e.changes.includes('value: "neutral" → "unfavorable"'));
    expect(first).toMatchObject({
      action: "annotation.save",
      actionWords: "Label saved",
      what: "“Doc”, sentence 1 · Stance toward Armenia",
      changes: ['value: "neutral" → "unfavorable"', "version: 1 → 2"],
    });
    const bens = await listAuditEvents(SYSTEM_ACTOR, projectId, { actor: "ben@" });
    expect(bens.events.length).toBeGreaterThan(0);
    expect(bens.events.every((e) => e.who.includes("ben@example.org"))).toBe(true);
    expect((await listAuditEvents(SYSTEM_ACTOR, projectId, { from: "2000-01-01", to: "2000-01-02" })).events).toEqual([]);
    await expect(listAuditEvents(SYSTEM_ACTOR, projectId, { from: "yesterday" })).rejects.toThrow(InvalidError);
    await expect(listAuditEvents(ana, projectId, {})).rejects.toThrow(/audit log/);
    await expect(listAuditEvents(stranger, projectId, {})).rejects.toThrow(NotFoundError);
  });

  it("does not log a save that repeats the stored value, nor give it a new version", async () => {
    const db = await getDb();
    const count = () => db.auditEvent.count({ where: { projectId, action: "annotation.save" } });
    const key = { documentId, segmentId: segIds[2]!, dimension: "stance", target: "turkey" };
    const saved = await saveAnnotation(ana, { ...key, value: "favorable", baseVersion: null });
    const before = await count();
    const again = await saveAnnotation(ana, { ...key, value: "favorable", baseVersion: saved.version });
    expect(again).toMatchObject({ version: saved.version, value: "favorable" });
    expect(await count()).toBe(before);
    await saveAnnotation(ana, { ...key, value: "neutral", baseVersion: saved.version });
    expect(await count()).toBe(before + 1);
  });

  it("shows a label-schema edit as what changed, not the whole schema", async () => {
    const { listAuditEvents } = await import("@/server/audit-log");
    const { getProjectSettings, updateLabelSchema } = await import("@/server/project-settings");
    const settings = await getProjectSettings(SYSTEM_ACTOR, projectId);
    const schema = structuredClone(settings.project.schema);
    const stance = schema.dimensions.find((d) => d.id === "stance")!;
    if (!("values" in stance)) throw new Error("stance has values");
    const neutral = stance.values.find((v) => v.id === "neutral")!;
    const oldLabel = neutral.label;
    neutral.label = "Even-handed";
    await updateLabelSchema(SYSTEM_ACTOR, projectId, { json: JSON.stringify(schema), expectedVersion: settings.project.schemaVersion });
    const { events } = await listAuditEvents(SYSTEM_ACTOR, projectId, { action: "project.schema" });
    expect(events[0]).toMatchObject({
      actionWords: "Label schema changed",
      what: "the project",
      changes: [
        `labelSchema › dimensions › “${stance.label}” › values › “Even-handed” › label: ${JSON.stringify(oldLabel)} → "Even-handed"`,
        `schemaVersion: ${settings.project.schemaVersion} → ${settings.project.schemaVersion + 1}`,
      ],
    });
  });
});

/**
 * Runs `fn` with `elsewhere` run once, just before the first write to `model` in any of its
 * transactions: another app instance's change landing between a save's read and its write.
 */
async function betweenReadAndWrite<T>(
  model: "annotation" | "segmentStatus",
  elsewhere: () => Promise<unknown>,
  fn: () => Promise<T>,
): Promise<T> {
  const db = await getDb();
  const transaction = db.$transaction.bind(db) as (run: (tx: Tx) => Promise<unknown>, options?: unknown) => Promise<unknown>;
  let pending: (() => Promise<unknown>) | null = elsewhere;
  const writing = async () => {
    const run = pending;
    pending = null;
    await run?.();
  };
  const delegate = (d: Record<string, (args: unknown) => Promise<unknown>>) =>
    new Proxy(d, {
      get: (t, m) => (m === "create" || m === "updateMany" ? async (args: unknown) => (await writing(), t[m]!(args)) : Reflect.get(t, m)),
    });
  const wrap = (tx: Tx) => new Proxy(tx, { get: (t, k) => (k === model ? delegate(Reflect.get(t, k) as never) : Reflect.get(t, k)) });
  const spy = vi
    .spyOn(db, "$transaction")
    .mockImplementation(((run: (tx: Tx) => Promise<unknown>, options?: unknown) => transaction((tx) => run(wrap(tx)), options)) as never);
  try {
    return await fn();
  } finally {
    spy.mockRestore();
  }
}

describe("a save reads its sentence, targets and schema in its own transaction", () => {
  let cleo: Actor;
  let project: Awaited<ReturnType<typeof newProject>>;
  beforeAll(async () => {
    cleo = await actor("cleo@example.org");
    project = await newProject("Changed elsewhere", [[cleo, "ANNOTATOR"]], [{ title: "Doc", text: TEXT }]);
  });
  const doc = () => project.documents[0]!;
  const saveAs = (segment: number, dimension: string, target: string | null, value: unknown, baseVersion: number | null = null) =>
    saveAnnotation(cleo, { documentId: doc().id, segmentId: doc().segments[segment]!.id, dimension, target, value, baseVersion });

  it("sees targets added and removed by another app instance on the next save", async () => {
    const db = await getDb();
    await expect(saveAs(0, "stance", "nato", "neutral")).rejects.toThrow(/target "nato" is not a target/);
    // Another instance's target edit, written straight to the database: targets have no version of their own.
    await db.target.create({ data: { id: newId(), projectId: project.projectId, key: "nato", name: "NATO", position: 3 } });
    expect(await saveAs(0, "stance", "nato", "neutral")).toMatchObject({ target: "nato", version: 1 });
    await db.target.deleteMany({ where: { projectId: project.projectId, key: "nato" } });
    await expect(saveAs(0, "stance", "nato", "favorable", 1)).rejects.toThrow(/target "nato" is not a target/);
  });

  it("sees a label schema changed by another app instance on the next save", async () => {
    // Refused under the current version, which this process has now parsed and cached.
    await expect(saveAs(0, "sourcing", null, "rumour")).rejects.toThrow(/not one of/);
    const db = await getDb();
    const { labelSchema } = await db.project.findUniqueOrThrow({ where: { id: project.projectId }, select: { labelSchema: true } });
    const schema = labelSchema as { dimensions: { id: string; values?: { id: string; label: string; key: string }[] }[] };
    schema.dimensions.find((d) => d.id === "sourcing")!.values!.push({ id: "rumour", label: "Rumour", key: "u" });
    // What a schema edit in another process writes: the document and its version in one UPDATE.
    await db.project.update({ where: { id: project.projectId }, data: { labelSchema: schema as never, schemaVersion: { increment: 1 } } });
    expect(await saveAs(0, "sourcing", null, "rumour")).toMatchObject({ value: "rumour", version: 1 });
  });

  it("answers not found, and writes nothing, when the sentence is merged away between the read and the write", async () => {
    // Deleted on another connection, as a manager's merge on another instance would.
    const removeSentence = (i: number) => async () => (await getBulkDb()).segment.delete({ where: { id: doc().segments[i]!.id } });
    const before = await snapshot();
    await expect(betweenReadAndWrite("annotation", removeSentence(2), () => saveAs(2, "sourcing", null, "no_claim"))).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      betweenReadAndWrite("segmentStatus", removeSentence(1), () =>
        setSegmentStatus(cleo, { documentId: doc().id, segmentId: doc().segments[1]!.id, confirmed: false, baseVersion: null }),
      ),
    ).rejects.toThrow(NotFoundError);
    expect(await snapshot()).toEqual(before);
    // A label that exists is deleted with its sentence: the save is refused (not found, or a conflict where the
    // database had already let the deletion through), never a server error, and leaves no audit event.
    const labelled = await snapshot();
    const refused = await betweenReadAndWrite("annotation", removeSentence(0), () => saveAs(0, "sourcing", null, "no_claim", 1)).catch(
      (e: unknown) => e,
    );
    expect(refused instanceof NotFoundError || refused instanceof ConflictError).toBe(true);
    expect((refused as AppError).status).toBeLessThan(500);
    expect((await snapshot()).audit).toBe(labelled.audit);
  });
});
