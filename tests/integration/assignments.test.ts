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
import { getProjectSettings, updateProjectSettings } from "@/server/project-settings";
import { updateOutletAliases } from "@/server/outlets";

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

describe("stratified Next document: outlets balanced per annotator, stories by the project's setting", () => {
  // Three outlets, two stories; the texts are placeholders written for this test.
  const CORPUS = [
    { title: "T1", outlet: "TRT World", story: "Ceasefire" },
    { title: "T2", outlet: "TRT World", story: "Talks" },
    { title: "T3", outlet: "TRT World", story: null },
    { title: "W1", outlet: "Wire", story: "Ceasefire" },
    { title: "W2", outlet: "Wire", story: "Talks" },
    { title: "S1", outlet: "State TV", story: "Ceasefire" },
  ];

  async function stratifiedProject(name: string, storyAssignment: "within" | "independent" | null, annotators: Actor[]) {
    const p = await createProject(SYSTEM_ACTOR, { name, targets: ["X"] });
    for (const u of annotators) await addMember(SYSTEM_ACTOR, p.id, { email: u.email, role: "ANNOTATOR" });
    await addMember(SYSTEM_ACTOR, p.id, { email: manager.email, role: "MANAGER" });
    await updateProjectSettings(manager, p.id, { blind: true, skipBoilerplate: true, overlap: 1, storyAssignment });
    const db = await getDb();
    const created = (
      await db.$transaction((tx) =>
        insertDocuments(
          tx,
          SYSTEM_ACTOR,
          p.id,
          CORPUS.map((d) => ({
            ...d,
            story: d.story ?? undefined,
            text: `Placeholder text ${d.title} of ${name}, written for this test.`,
          })),
        ),
      )
    ).created;
    const titleOf = new Map(created.map((id, i) => [id, CORPUS[i]!.title]));
    return { projectId: p.id, titleOf };
  }

  /** Takes documents one after another (each marked done) until none is left; their titles in order. */
  async function takeAll(who: Actor, project: { projectId: string; titleOf: Map<string, string> }, max = 10) {
    const titles: string[] = [];
    for (let i = 0; i < max; i++) {
      const next = await takeNextDocument(who, project.projectId);
      if (!next) break;
      titles.push(project.titleOf.get(next.documentId)!);
      await setDocumentDone(who, { documentId: next.documentId, done: true, allowIncomplete: true });
    }
    return titles;
  }

  it("without a story rule, an annotator's outlets take turns and the progress page says why the last ones could not", async () => {
    const solo = await actor("solo@example.org");
    const p = await stratifiedProject("Stratified none", null, [solo]);
    // Turns: TRT World, Wire, State TV; then TRT World and Wire (even: 2, 2, 1 is as even as it gets);
    // then only TRT World is left, while State TV had fewer: that claim is said.
    expect(await takeAll(solo, p)).toEqual(["T1", "W1", "S1", "T2", "W2", "T3"]);
    const { ruleNotes } = await getProgress(manager, p.projectId);
    expect(ruleNotes.map((n) => [n.document, n.text])).toEqual([
      ["T3", "solo got a third TRT World article: no document of State TV was left for them"],
    ]);
  });

  it("balances outlets by name with their aliases: a TRTWorld article is a TRT World article", async () => {
    const pair = await actor("pair@example.org");
    const p = await createProject(SYSTEM_ACTOR, { name: "Stratified aliases", targets: ["X"] });
    await addMember(SYSTEM_ACTOR, p.id, { email: pair.email, role: "ANNOTATOR" });
    await addMember(SYSTEM_ACTOR, p.id, { email: manager.email, role: "MANAGER" });
    await updateProjectSettings(manager, p.id, { blind: true, skipBoilerplate: true, overlap: 1 });
    const docs = [
      { title: "A1", outlet: "TRT World" },
      { title: "A2", outlet: "TRTWorld" },
      { title: "B1", outlet: "Wire" },
      { title: "B2", outlet: "Wire" },
    ];
    const db = await getDb();
    const created = (
      await db.$transaction((tx) =>
        insertDocuments(
          tx,
          SYSTEM_ACTOR,
          p.id,
          docs.map((d) => ({ ...d, text: `Placeholder ${d.title}, written for this test.` })),
        ),
      )
    ).created;
    await updateOutletAliases(manager, p.id, { outlets: [{ outlet: "TRT World", aliases: ["TRTWorld"] }] });
    // Without the alias, TRTWorld would be a third outlet of which the annotator had none: A1, A2, B1, B2.
    expect(await takeAll(pair, { projectId: p.id, titleOf: new Map(created.map((id, i) => [id, docs[i]!.title])) })).toEqual([
      "A1",
      "B1",
      "A2",
      "B2",
    ]);
  });

  it("independence: at most one version of each story while other documents are left, then the best one left, said", async () => {
    const ind = await actor("ind@example.org");
    const p = await stratifiedProject("Stratified independent", "independent", [ind]);
    const titles = await takeAll(ind, p);
    // One per story first (Ceasefire, Talks) and the story-less one, before any second version.
    expect(titles.slice(0, 3)).toEqual(["T1", "W2", "T3"]);
    expect(titles).toHaveLength(6);
    const { ruleNotes } = await getProgress(manager, p.projectId);
    expect(ruleNotes.map((n) => n.text)).toContain(
      "ind got a second version of story “Ceasefire”: every document left for them was of a story they already had",
    );
    expect(ruleNotes.some((n) => n.document === "T3")).toBe(true); // a second TRT World article, for the story rule
    expect(ruleNotes.find((n) => n.document === "T3")?.text).toBe(
      "ind got a second TRT World article: the documents of State TV left for them were of stories they already had",
    );
  });

  it("within-annotator comparison: the other versions of a story follow the first, outlets still taking turns", async () => {
    const wit = await actor("within@example.org");
    const p = await stratifiedProject("Stratified within", "within", [wit]);
    expect((await takeAll(wit, p)).slice(0, 3)).toEqual(["T1", "W1", "S1"]);
  });

  it("the story setting is a project setting: changed by managers, audited, absent leaves it as it is", async () => {
    const p = await stratifiedProject("Stratified setting", "independent", []);
    expect((await getProjectSettings(manager, p.projectId)).project.storyAssignment).toBe("independent");
    await updateProjectSettings(manager, p.projectId, { blind: true, skipBoilerplate: true, overlap: 1 });
    expect((await getProjectSettings(manager, p.projectId)).project.storyAssignment).toBe("independent");
    await updateProjectSettings(manager, p.projectId, { blind: true, skipBoilerplate: true, overlap: 1, storyAssignment: null });
    expect((await getProjectSettings(manager, p.projectId)).project.storyAssignment).toBeNull();
    await expect(
      updateProjectSettings(manager, p.projectId, {
        blind: true,
        skipBoilerplate: true,
        overlap: 1,
        storyAssignment: "sometimes" as never,
      }),
    ).rejects.toThrow(/Story assignment must be within or independent, or none/);
    const db = await getDb();
    const events = await db.auditEvent.findMany({
      where: { projectId: p.projectId, action: "project.settings" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.after)).toContainEqual({ storyAssignment: null });
  });
});
