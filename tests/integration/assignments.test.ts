import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";
import { getProgress, setAssignments, takeNextDocument } from "@/server/assignments";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { setDocumentDone } from "@/server/workspace";
import { getDb } from "@/server/db/client";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";

useTestDatabase();

let a: Actor, b: Actor, c: Actor, manager: Actor, stranger: Actor;
let projectId: string, docs: string[];

async function actor(email: string): Promise<Actor> {
  const u = await createUser(SYSTEM_ACTOR, { email, name: email.split("@")[0]!, password: "a long password" });
  return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

beforeAll(async () => {
  [a, b, c, manager, stranger] = (await Promise.all(["a", "b", "c", "m", "s"].map((n) => actor(`${n}@example.org`)))) as [
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
  ];
  const p = await createProject(SYSTEM_ACTOR, { name: "Overlap", targets: ["X"] });
  projectId = p.id;
  for (const u of [a, b, c]) await addMember(SYSTEM_ACTOR, p.id, { email: u.email, role: "ANNOTATOR" });
  await addMember(SYSTEM_ACTOR, p.id, { email: manager.email, role: "MANAGER" });
  const db = await getDb();
  const r = await db.$transaction((tx) =>
    insertDocuments(
      tx,
      SYSTEM_ACTOR,
      p.id,
      ["First text. It has two sentences.", "Second text.", "Third text."].map((text, i) => ({ title: `Doc ${i + 1}`, text })),
    ),
  );
  docs = r.created;
});

describe("assignment with overlap k = 2", () => {
  it("hands out distinct documents, balanced, and the same open one again until it is done", async () => {
    expect(await takeNextDocument(a, projectId)).toEqual({ documentId: docs[0], assigned: true });
    expect(await takeNextDocument(b, projectId)).toEqual({ documentId: docs[1], assigned: true });
    expect(await takeNextDocument(c, projectId)).toEqual({ documentId: docs[2], assigned: true });
    expect(await takeNextDocument(a, projectId)).toEqual({ documentId: docs[0], assigned: false });
    await setDocumentDone(a, { documentId: docs[0]!, done: true, allowIncomplete: true });
    // a has had doc 1; docs 2 and 3 have one annotator each: a gets doc 2 (position breaks the tie).
    expect(await takeNextDocument(a, projectId)).toEqual({ documentId: docs[1], assigned: true });
  });

  it("never gives a document to more than k people, nor twice to the same person", async () => {
    await setDocumentDone(a, { documentId: docs[1]!, done: true, allowIncomplete: true });
    expect((await takeNextDocument(a, projectId))?.documentId).toBe(docs[2]); // doc 3: c + a = 2
    await setDocumentDone(a, { documentId: docs[2]!, done: true, allowIncomplete: true });
    expect(await takeNextDocument(a, projectId)).toBeNull(); // a has had them all
    await setDocumentDone(b, { documentId: docs[1]!, done: true, allowIncomplete: true });
    expect((await takeNextDocument(b, projectId))?.documentId).toBe(docs[0]); // doc 1: a + b = 2
    await setDocumentDone(b, { documentId: docs[0]!, done: true, allowIncomplete: true });
    expect(await takeNextDocument(b, projectId)).toBeNull(); // docs 2 and 3 are full
    const db = await getDb();
    for (const d of docs) expect(await db.assignment.count({ where: { documentId: d } })).toBeLessThanOrEqual(2);
  });

  it("lets managers assign and unassign in bulk, members of this project only", async () => {
    const fresh = await actor("fresh@example.org");
    await addMember(SYSTEM_ACTOR, projectId, { email: fresh.email, role: "ANNOTATOR" });
    expect(await setAssignments(manager, projectId, { documentIds: docs, userIds: [fresh.id], assign: true })).toEqual({ changed: 3 });
    expect(await setAssignments(manager, projectId, { documentIds: docs, userIds: [fresh.id], assign: true })).toEqual({ changed: 0 });
    expect(await setAssignments(manager, projectId, { documentIds: [docs[0]!], userIds: [fresh.id], assign: false })).toEqual({
      changed: 1,
    });
    await expect(setAssignments(manager, projectId, { documentIds: docs, userIds: [stranger.id], assign: true })).rejects.toThrow(
      InvalidError,
    );
    await expect(setAssignments(a, projectId, { documentIds: docs, userIds: [a.id], assign: true })).rejects.toThrow(ForbiddenError);
    await expect(setAssignments(stranger, projectId, { documentIds: docs, userIds: [a.id], assign: true })).rejects.toThrow(NotFoundError);
    await expect(takeNextDocument(stranger, projectId)).rejects.toThrow(NotFoundError);
  });

  it("reports progress per annotator and document for managers only", async () => {
    const d = docs[0]!;
    const db = await getDb();
    const seg = await db.segment.findFirstOrThrow({ where: { documentId: d }, orderBy: { index: "asc" } });
    await saveAnnotation(c, {
      documentId: d,
      segmentId: seg.id,
      dimension: "sourcing",
      target: null,
      value: "no_claim",
      baseVersion: null,
    });
    await setSegmentStatus(c, { documentId: d, segmentId: seg.id, confirmed: true, baseVersion: null });
    const p = await getProgress(manager, projectId);
    const row = p.annotators.find((x) => x.id === c.id)!;
    expect(row).toMatchObject({ sentencesLabelled: 1, documentsDone: 0 });
    expect(row.lastActive).not.toBeNull();
    expect(p.annotators.find((x) => x.id === a.id)).toMatchObject({ documentsDone: 3 });
    expect(p.totals.done + p.totals.inProgress + p.totals.notStarted).toBe(3);
    await expect(getProgress(a, projectId)).rejects.toThrow(ForbiddenError);
  });
});
