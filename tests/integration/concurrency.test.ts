/**
 * Races between writers, forced (tests/support/interleave.ts): on PostgreSQL a raw connection
 * holds a row that one transaction's write needs, so that transaction stops between its reads and
 * its write while the competing one runs; on SQLite the same scenarios run at once and must come
 * out the same. Each scenario runs ROUNDS times and counts what went wrong, so a failure says how
 * often the race was lost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { openGate, type Gate } from "../support/interleave";
import { label, newActor, newProject } from "../support/team";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { insertDocuments } from "@/server/documents";
import { addMember, createProject, removeMember } from "@/server/projects";
import type { AppError } from "@/server/errors";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { saveGoldLabel } from "@/server/gold";
import { splitSegment } from "@/server/segments";
import { importSlantJsonl } from "@/server/import-slant";
import { streamExport } from "@/server/export";
import { collect } from "../support/export-fixture";
import { takeNextDocument } from "@/server/assignments";
import { setDocumentDone } from "@/server/workspace";
import { authenticateToken, createToken } from "@/server/tokens";
import { signInWithPassword } from "@/server/auth/sign-in";
import { getProjectSettings, updateLabelSchema, updateProjectSettings, updateTargets } from "@/server/project-settings";
import { projectSchema } from "@/server/label-schema";
import { validateAnnotationValue } from "@/lib/schema/values";
import { newId } from "@/lib/ids";
import { hashPassword } from "@/server/auth/password";

useTestDatabase();

const ROUNDS = 5;
const TEXT = `Armenia denied the accusations. Baku said the shelling continued overnight and blamed Yerevan.

"There is no military solution," he told a news conference on Monday. Moscow called for talks.`;

let manager: Actor, ana: Actor, rita: Actor, reviewer2: Actor;
let gate: Gate;
let projectId: string;
let docCount = 0;

beforeAll(async () => {
  [manager, ana, rita, reviewer2] = (await Promise.all(["mona", "ana", "rita", "rex"].map((n) => newActor(`${n}@example.org`)))) as [
    Actor,
    Actor,
    Actor,
    Actor,
  ];
  const p = await newProject(
    "Races",
    [
      [manager, "MANAGER"],
      [ana, "ANNOTATOR"],
      [rita, "REVIEWER"],
      [reviewer2, "REVIEWER"],
    ],
    [],
  );
  projectId = p.projectId;
  gate = await openGate();
});

afterAll(async () => {
  await gate.open();
  await gate.close();
});

async function newDoc() {
  const text = `${TEXT}\n\nDocument ${++docCount}.`;
  const db = await getDb();
  const id = (await db.$transaction((tx) => insertDocuments(tx, SYSTEM_ACTOR, projectId, [{ title: `Doc ${docCount}`, text }])))
    .created[0]!;
  const segments = await db.segment.findMany({
    where: { documentId: id },
    orderBy: { index: "asc" },
    select: { id: true, start: true, end: true },
  });
  return { id, text, segments };
}

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * The stored labels of the project that its schema, targets and sentences no longer allow:
 * each should have been refused, or removed by the edit that made it invalid.
 */
async function invalidLabels(documentIds: string[], inProject = projectId): Promise<string[]> {
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: inProject },
    select: { id: true, schemaVersion: true, labelSchema: true, targets: { select: { key: true } } },
  });
  const schema = projectSchema(project);
  const rows = await db.annotation.findMany({
    where: { documentId: { in: documentIds } },
    select: {
      dimension: true,
      target: true,
      value: true,
      segment: { select: { start: true, end: true } },
      document: { select: { text: true } },
    },
  });
  return rows.flatMap((a) => {
    if (a.value === null) return [];
    const r = validateAnnotationValue(
      schema,
      { dimension: a.dimension, target: a.target === "" ? null : a.target, value: a.value },
      { targets: project.targets.map((t) => t.key), segment: a.segment, text: a.document.text },
    );
    return r.ok ? [] : [r.error];
  });
}

/**
 * Ana's save of a new label stops before its write (the gate holds her user row, which the
 * insert's foreign key check needs); the manager's edit runs and either commits or waits for the
 * save; then the save goes on.
 */
async function saveAcross<E>(save: () => Promise<unknown>, edit: () => Promise<E>) {
  await gate.hold("User", [ana.id]);
  const saving = settle(save());
  await gate.settledOrWaiting(saving, 1);
  const editing = settle(edit());
  await gate.settledOrWaiting(editing, 2);
  await gate.open();
  return { save: await saving, edit: await editing };
}

describe("a label save and the manager's edit that makes it invalid exclude each other", () => {
  it(`a target removed while a label for it is being saved (${ROUNDS} forced interleavings)`, async () => {
    const doc = await newDoc();
    for (let i = 0; i < ROUNDS; i++) {
      const before = (await getProjectSettings(manager, projectId)).targets.map((t) => ({ id: t.id, name: t.name }));
      await updateTargets(manager, projectId, { targets: [...before, { name: `Russia ${i}` }] });
      const key = (await getProjectSettings(manager, projectId)).targets.find((t) => t.name === `Russia ${i}`)!.key;
      const r = await saveAcross(
        () =>
          saveAnnotation(ana, {
            documentId: doc.id,
            segmentId: doc.segments[0]!.id,
            dimension: "stance",
            target: key,
            value: "unfavorable",
            baseVersion: null,
          }),
        () => updateTargets(manager, projectId, { targets: before, confirmLabelDeletion: true }),
      );
      expect(r.edit.ok).toBe(true);
    }
    expect(await invalidLabels([doc.id])).toEqual([]);
  });

  it(`a value removed from the schema while a label with it is being saved (${ROUNDS} forced interleavings)`, async () => {
    const doc = await newDoc();
    const refused: unknown[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const { project } = await getProjectSettings(manager, projectId);
      const withValue = structuredClone(project.schema);
      const dim = withValue.dimensions.find((d) => d.id === "source_type")!;
      if (!("values" in dim)) throw new Error("source_type has values");
      dim.values.push({ id: `wire_${i}`, label: `Wire ${i}`, description: "" });
      const v = (await updateLabelSchema(manager, projectId, { json: JSON.stringify(withValue), expectedVersion: project.schemaVersion }))
        .schemaVersion;
      const r = await saveAcross(
        () =>
          saveAnnotation(ana, {
            documentId: doc.id,
            segmentId: doc.segments[i]!.id,
            dimension: "source_type",
            target: null,
            value: `wire_${i}`,
            baseVersion: null,
          }),
        () => updateLabelSchema(manager, projectId, { json: JSON.stringify(project.schema), expectedVersion: v }),
      );
      // The edit either went first (and the save was refused) or waited and found the label in use.
      if (!r.edit.ok) refused.push(r.edit.error);
    }
    for (const e of refused) expect(String(e)).toMatch(/would orphan stored labels/);
    expect(await invalidLabels([doc.id])).toEqual([]);
  });

  it(`a sentence split before a span that is being saved (${ROUNDS} forced interleavings)`, async () => {
    const docs: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const doc = await newDoc();
      docs.push(doc.id);
      const s = doc.segments[1]!;
      const at = doc.text.indexOf("Yerevan");
      const r = await saveAcross(
        () =>
          saveAnnotation(ana, {
            documentId: doc.id,
            segmentId: s.id,
            dimension: "spans",
            target: null,
            value: [{ start: at, end: at + "Yerevan".length, label: "loaded_language" }],
            baseVersion: null,
          }),
        () => splitSegment(manager, { documentId: doc.id, segmentId: s.id, at: doc.text.indexOf("and blamed"), confirm: true }),
      );
      expect(r.edit.ok).toBe(true);
    }
    expect(await invalidLabels(docs)).toEqual([]);
  });
});

describe("import:slant and a target removed on another instance", () => {
  it("labels checked against targets that are gone by the time they are stored are refused", async () => {
    const source = await newProject(
      "Export source",
      [
        [manager, "MANAGER"],
        [ana, "ANNOTATOR"],
      ],
      [{ title: "Source", text: TEXT }],
    );
    await label(ana, source.documents[0]!, 1, { sourcing: "unattributed_claim", stance: { armenia: "unfavorable" } });
    const file = await streamExport(manager, source.projectId, { format: "jsonl", filters: { includeBoilerplate: true } });
    const bytes = await collect(file.chunks);
    const target = await createProject(SYSTEM_ACTOR, { name: "Import target", targets: ["Armenia", "Azerbaijan", "Turkey"] });
    // Another instance removes "Armenia" and has not committed yet; it holds the project row meanwhile.
    await gate.hold("Project", [target.id]);
    await gate.run(`DELETE FROM "Target" WHERE "projectId" = $1 AND "key" = 'armenia'`, [target.id]);
    const importing = settle(importSlantJsonl(SYSTEM_ACTOR, target.id, bytes));
    await gate.settledOrWaiting(importing, 1);
    await gate.open();
    const r = await importing;
    if (!r.ok) expect(String(r.error)).toMatch(/changed while the file was being checked/);
    const docs = (await (await getDb()).document.findMany({ where: { projectId: target.id }, select: { id: true } })).map((d) => d.id);
    expect(await invalidLabels(docs, target.id)).toEqual([]);
  });
});

describe("Next document with overlap k = 2", () => {
  it(`many annotators at once never put more than k people on a document (${ROUNDS} forced rounds)`, async () => {
    const annotators = await Promise.all(Array.from({ length: 8 }, (_, i) => newActor(`next-${i}@example.org`)));
    const overfull: string[] = [];
    const wrongCount: string[] = [];
    const failed: unknown[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const p = await createProject(SYSTEM_ACTOR, { name: `Next ${round}`, targets: ["X"] });
      for (const a of annotators) await addMember(SYSTEM_ACTOR, p.id, { email: a.email, role: "ANNOTATOR" });
      await addMember(SYSTEM_ACTOR, p.id, { email: manager.email, role: "MANAGER" });
      await updateProjectSettings(manager, p.id, { blind: true, skipBoilerplate: true, overlap: 2 });
      const db = await getDb();
      const docs = (
        await db.$transaction((tx) =>
          insertDocuments(
            tx,
            SYSTEM_ACTOR,
            p.id,
            ["One.", "Two.", "Three."].map((text) => ({ title: text, text: `${text} Round ${round}.` })),
          ),
        )
      ).created;
      // Every claim stops at its insert (the foreign key check on the document) until all have read.
      await gate.hold("Document", docs);
      const claims = annotators.map((a) => settle(takeNextDocument(a, p.id)));
      await gate.waiting(annotators.length);
      await gate.open();
      const results = await Promise.all(claims);
      failed.push(...results.flatMap((r) => (r.ok ? [] : [r.error])));
      const counts = await db.assignment.groupBy({ by: ["documentId"], where: { documentId: { in: docs } }, _count: true });
      overfull.push(...counts.filter((c) => c._count > 2).map((c) => `round ${round}: ${c._count} on ${c.documentId}`));
      // Six places for eight annotators: six get a document, two are told nothing needs them.
      const given = results.filter((r) => r.ok && r.value !== null).length;
      if (given !== 6) wrongCount.push(`round ${round}: ${given} of 8 annotators got a document`);
    }
    expect({ overfull, wrongCount, failed: failed.map(String) }).toEqual({ overfull: [], wrongCount: [], failed: [] });
  });
});

describe("Next document with one version of a story per annotator (independence)", () => {
  it(`annotators asking at once, each in two tabs, never get a second version of a story nor overfill a document (${ROUNDS} forced rounds)`, async () => {
    const annotators = await Promise.all(Array.from({ length: 4 }, (_, i) => newActor(`story-${i}@example.org`)));
    const problems: string[] = [];
    const failed: unknown[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const p = await createProject(SYSTEM_ACTOR, { name: `Stories ${round}`, targets: ["X"] });
      for (const a of annotators) await addMember(SYSTEM_ACTOR, p.id, { email: a.email, role: "ANNOTATOR" });
      await addMember(SYSTEM_ACTOR, p.id, { email: manager.email, role: "MANAGER" });
      await updateProjectSettings(manager, p.id, { blind: true, skipBoilerplate: true, overlap: 2, storyAssignment: "independent" });
      // Three stories told by three outlets; placeholder texts written for this test.
      const corpus = ["A", "B", "C"].flatMap((story) =>
        ["Wire", "TRT World", "State TV"].map((outlet) => ({
          title: `${story} ${outlet}`,
          outlet,
          story,
          text: `${story} by ${outlet}, round ${round}.`,
        })),
      );
      const db = await getDb();
      const docs = (await db.$transaction((tx) => insertDocuments(tx, SYSTEM_ACTOR, p.id, corpus))).created;
      // Each annotator has had one document (one story) before the race.
      for (const a of annotators) {
        const first = (await takeNextDocument(a, p.id))!;
        await setDocumentDone(a, { documentId: first.documentId, done: true, allowIncomplete: true });
      }
      // Every claim stops at its insert (the foreign key check on the document) until all have asked.
      await gate.hold("Document", docs);
      const claims = annotators.flatMap((a) => [settle(takeNextDocument(a, p.id)), settle(takeNextDocument(a, p.id))]);
      await gate.waiting(claims.length);
      await gate.open();
      const results = await Promise.all(claims);
      failed.push(...results.flatMap((r) => (r.ok ? [] : [r.error])));
      annotators.forEach((a, i) => {
        const [one, two] = [results[2 * i]!, results[2 * i + 1]!];
        if (one.ok && two.ok && one.value?.documentId !== two.value?.documentId)
          problems.push(`round ${round}: ${a.email} got two documents in two tabs`);
      });
      const rows = await db.assignment.findMany({
        where: { documentId: { in: docs } },
        select: { userId: true, documentId: true, document: { select: { story: true } } },
      });
      const perDoc = new Map<string, number>();
      const perUserStory = new Map<string, number>();
      for (const r of rows) {
        perDoc.set(r.documentId, (perDoc.get(r.documentId) ?? 0) + 1);
        const key = `${r.userId} ${r.document.story}`;
        perUserStory.set(key, (perUserStory.get(key) ?? 0) + 1);
      }
      for (const [d, n] of perDoc) if (n > 2) problems.push(`round ${round}: ${n} annotators on ${d}`);
      for (const [k, n] of perUserStory) if (n > 1) problems.push(`round ${round}: ${n} versions of one story for ${k}`);
      if (rows.length !== 2 * annotators.length) problems.push(`round ${round}: ${rows.length} assignments, not ${2 * annotators.length}`);
    }
    expect({ problems, failed: failed.map(String) }).toEqual({ problems: [], failed: [] });
  });
});

describe("member changes", () => {
  it(`two managers removing each other at once: one of them stays manager (${ROUNDS} forced interleavings)`, async () => {
    const db = await getDb();
    const leaderless: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [m1, m2] = (await Promise.all([1, 2].map((k) => newActor(`boss-${round}-${k}@example.org`)))) as [Actor, Actor];
      const p = await createProject(SYSTEM_ACTOR, { name: `Bosses ${round}`, targets: ["X"] });
      for (const m of [m1, m2]) await addMember(SYSTEM_ACTOR, p.id, { email: m.email, role: "MANAGER" });
      // Each removal stops at its delete (the gate holds both membership rows) after counting the managers.
      const rows = await db.projectMember.findMany({ where: { projectId: p.id }, select: { id: true } });
      await gate.hold(
        "ProjectMember",
        rows.map((r) => r.id),
      );
      const both = [settle(removeMember(m1, p.id, { userId: m2.id })), settle(removeMember(m2, p.id, { userId: m1.id }))];
      await gate.waiting(2);
      await gate.open();
      const results = await Promise.all(both);
      // The later one is refused: the other is the only manager left (409), or the actor is no longer a member (404).
      for (const r of results) if (!r.ok) expect([409, 404]).toContain((r.error as AppError).status);
      if ((await db.projectMember.count({ where: { projectId: p.id, role: "MANAGER" } })) === 0) leaderless.push(`round ${round}`);
    }
    expect(leaderless).toEqual([]);
  });
});

describe("two writers creating the same row at once", () => {
  it(`the same sentence confirmed twice at once (two tabs): both succeed (${ROUNDS} forced interleavings)`, async () => {
    const failed: unknown[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const doc = await newDoc();
      const seg = 1;
      await label(ana, doc, seg, { sourcing: "no_claim", confirm: false });
      await gate.hold("User", [ana.id]);
      const confirm = () =>
        settle(setSegmentStatus(ana, { documentId: doc.id, segmentId: doc.segments[seg]!.id, confirmed: true, baseVersion: null }));
      const both = [confirm(), confirm()];
      await gate.waiting(2);
      await gate.open();
      for (const r of await Promise.all(both)) {
        if (r.ok) expect(r.value).toMatchObject({ confirmed: true, version: 1 });
        else failed.push(r.error);
      }
    }
    expect(failed.map(String)).toEqual([]);
  });

  it(`two reviewers setting the same new gold label at once: both succeed when they agree (${ROUNDS} forced interleavings)`, async () => {
    const doc = await newDoc();
    const failed: unknown[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const target = ["armenia", "azerbaijan", "turkey"][i % 3]!;
      const seg = doc.segments[Math.floor(i / 3)]!;
      await gate.hold("Segment", [seg.id]);
      const save = (who: Actor) =>
        settle(
          saveGoldLabel(who, { documentId: doc.id, segmentId: seg.id, dimension: "stance", target, value: "neutral", baseVersion: null }),
        );
      const both = [save(rita), save(reviewer2)];
      await gate.waiting(2);
      await gate.open();
      for (const r of await Promise.all(both)) {
        if (r.ok) expect(r.value).toMatchObject({ value: "neutral", version: 1 });
        else failed.push(r.error);
      }
    }
    expect(failed.map(String)).toEqual([]);
  });

  it("two reviewers setting the same new gold label differently at once: the later one gets the current label (409)", async () => {
    const doc = await newDoc();
    const seg = doc.segments[0]!;
    await gate.hold("Segment", [seg.id]);
    const save = (who: Actor, value: string) =>
      settle(saveGoldLabel(who, { documentId: doc.id, segmentId: seg.id, dimension: "sourcing", target: null, value, baseVersion: null }));
    const both = [save(rita, "no_claim"), save(reviewer2, "unattributed_claim")];
    await gate.waiting(2);
    await gate.open();
    const [a, b] = await Promise.all(both);
    const lost = [a!, b!].find((r) => !r.ok);
    const won = [a!, b!].find((r) => r.ok);
    expect(won).toBeDefined();
    expect(lost && !lost.ok && lost.error).toMatchObject({
      status: 409,
      details: { current: { value: won!.ok ? won!.value.value : null, version: 1 } },
    });
  });
});

describe("writes outside a transaction (SQLite: one connection for the process)", () => {
  /** Opens a transaction that has written, runs `other` while it is open, then rolls it back. */
  async function acrossRollback(other: () => Promise<unknown>) {
    const db = await getDb();
    let opened!: () => void;
    let rollBack!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    const release = new Promise<void>((r) => (rollBack = r));
    const tx = settle(
      db.$transaction(
        async (t) => {
          await t.auditEvent.create({ data: { id: newId(), action: "test.rolled_back", entityType: "test", entityId: "x" } });
          opened();
          await release;
          throw new Error("rolled back on purpose");
        },
        { timeout: 60_000 },
      ),
    );
    await isOpen;
    const write = settle(other());
    // Let the other write run as far as it can while the transaction is open.
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    rollBack();
    expect((await tx).ok).toBe(false);
    const w = await write;
    if (!w.ok) throw w.error;
    expect(await db.auditEvent.count({ where: { action: "test.rolled_back" } })).toBe(0);
  }

  it("a token's last use, written while another request's transaction rolls back, is kept", async () => {
    const { token, secret } = await createToken(ana, { name: `t${docCount++}`, scope: "read" });
    await acrossRollback(() => authenticateToken(secret));
    const db = await getDb();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
  });

  it("a failed sign-in and a sign-in's session, written while another request's transaction rolls back, are kept", async () => {
    const db = await getDb();
    const email = `guess${docCount++}@example.org`;
    await acrossRollback(() => signInWithPassword({ email, password: "not the password" }, "192.0.2.77"));
    expect(await db.loginFailure.count({ where: { email, address: "192.0.2.77" } })).toBe(1);
    const user = await db.user.findUniqueOrThrow({ where: { id: ana.id }, select: { email: true } });
    await db.user.update({ where: { id: ana.id }, data: { passwordHash: await hashPassword("ana's own password 1") } });
    let signedIn: Awaited<ReturnType<typeof signInWithPassword>> = null;
    await acrossRollback(
      async () => (signedIn = await signInWithPassword({ email: user.email, password: "ana's own password 1" }, "192.0.2.78")),
    );
    expect(signedIn).not.toBeNull();
    expect(await db.session.count({ where: { id: signedIn!.sessionId } })).toBe(1);
  });

  it("an import job's status, written while another request's transaction rolls back, is kept", async () => {
    const db = await getDb();
    const job = await db.importJob.create({ data: { id: newId(), projectId, createdById: manager.id, status: "queued" } });
    await acrossRollback(() => db.importJob.update({ where: { id: job.id }, data: { status: "running" } }));
    expect((await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
  });
});
