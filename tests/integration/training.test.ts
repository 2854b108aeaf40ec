/**
 * Training and qualification (server/training): training documents are left out of the normal
 * work, attempts are scored against gold, passing unlocks real documents, attempts are limited and
 * kept, and two tabs starting or finishing an attempt at once never make two attempts or count one
 * twice (forced interleavings on PostgreSQL, tests/support/interleave.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { openGate, type Gate } from "../support/interleave";
import { label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { saveGoldLabel, listReviewDocuments } from "@/server/review";
import { saveAnnotation } from "@/server/annotations";
import { getProjectAgreement } from "@/server/agreement";
import { documentBatches, exportCounts } from "@/server/export-query";
import { takeNextDocument } from "@/server/assignments";
import { getWorkspace, listDocumentsForAnnotator } from "@/server/workspace";
import { setQualificationRule, setTrainingDocuments } from "@/server/training/settings";
import {
  answerTrainingSentence,
  finishTrainingAttempt,
  getTrainingAttempt,
  myTraining,
  startTrainingAttempt,
} from "@/server/training/attempts";
import { trainingReportRows, trainingResults } from "@/server/training/results";

useTestDatabase();

// Texts written for Slant's tests: no outlet published them.
const TRAINING_TEXT = `Minister Aliyev said the talks would resume on Monday, according to a statement written for Slant tests.

Residents described the shelling as the worst in weeks.`;
const REAL_TEXT = `The council voted to extend the ceasefire, a text written for Slant tests reports.

Observers said the vote was unanimous.`;
const OTHER_TEXT = `A third document written for Slant tests says nothing of note.`;

let mona: Actor, rita: Actor, ana: Actor, ben: Actor, cem: Actor, stranger: Actor;
let projectId: string;
let training: Awaited<ReturnType<typeof newProject>>["documents"][number];
let real: Awaited<ReturnType<typeof newProject>>["documents"][number];
let other: Awaited<ReturnType<typeof newProject>>["documents"][number];
let gate: Gate;

const gold = (segmentId: string, dimension: string, target: string | null, value: unknown, comment = "") =>
  saveGoldLabel(rita, { documentId: training.id, segmentId, dimension, target, value, comment, baseVersion: null });

beforeAll(async () => {
  [mona, rita, ana, ben, cem, stranger] = (await Promise.all(
    ["mona", "rita", "ana", "ben", "cem", "stranger"].map((n) => newActor(`tr-${n}@example.org`)),
  )) as Actor[] as [Actor, Actor, Actor, Actor, Actor, Actor];
  const p = await newProject(
    "Training test",
    [
      [mona, "MANAGER"],
      [rita, "REVIEWER"],
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [cem, "ANNOTATOR"],
    ],
    [
      { title: "Training 1", text: TRAINING_TEXT },
      { title: "Real 1", text: REAL_TEXT },
      { title: "Real 2", text: OTHER_TEXT },
    ],
  );
  projectId = p.projectId;
  [training, real, other] = p.documents as [typeof training, typeof real, typeof other];
  const [s0, s1] = training.segments.filter((s) => !s.isBoilerplate);
  // Gold: 2 sourcing units, 2 stance units (azerbaijan on s0, armenia "none" on s1).
  await gold(s0!.id, "sourcing", null, "paraphrased_attribution", "Said + no quotation marks: a paraphrase (guidelines §2).");
  await gold(s0!.id, "stance", "azerbaijan", "neutral");
  await gold(s1!.id, "sourcing", null, "paraphrased_attribution");
  await gold(s1!.id, "stance", "armenia", null);
  // Ana already works on a real document.
  await label(ana, real, 0, { sourcing: "direct_quote", type: "government_official", side: "independent_unclear" });
  gate = await openGate();
});

afterAll(async () => {
  await gate.open();
  await gate.close();
});

const seg = (i: number) => training.segments.filter((s) => !s.isBoilerplate)[i]!.id;

describe("training material", () => {
  it("is chosen by managers only, needs gold and nobody's work; strangers get 404", async () => {
    await expect(setTrainingDocuments(ana, projectId, { documentIds: [training.id], training: true })).rejects.toThrow(ForbiddenError);
    await expect(setTrainingDocuments(stranger, projectId, { documentIds: [training.id], training: true })).rejects.toThrow(NotFoundError);
    await expect(setTrainingDocuments(mona, projectId, { documentIds: [other.id], training: true })).rejects.toThrow(/no gold labels/);
    await expect(setTrainingDocuments(mona, projectId, { documentIds: [real.id], training: true })).rejects.toThrow(InvalidError);
    expect(await setTrainingDocuments(mona, projectId, { documentIds: [training.id], training: true })).toEqual({ changed: 1 });
  });

  it("is left out of the annotators' list, assignment, the workspace, label writes, review, agreement and the export", async () => {
    const list = await listDocumentsForAnnotator(ben, projectId);
    expect(list.documents.map((d) => d.title)).toEqual(["Real 1", "Real 2"]);
    await expect(getWorkspace(ben, projectId, training.id)).rejects.toThrow(NotFoundError);
    await expect(
      saveAnnotation(ben, {
        documentId: training.id,
        segmentId: seg(0),
        dimension: "sourcing",
        target: null,
        value: "direct_quote",
        baseVersion: null,
      }),
    ).rejects.toThrow(NotFoundError);
    expect((await listReviewDocuments(rita, projectId)).documents.map((d) => d.id)).not.toContain(training.id);
    expect((await getProjectAgreement(mona, projectId)).documents.map((d) => d.id)).not.toContain(training.id);
    const db = await getDb();
    const scope = { projectId, userIds: null, doneOnly: false, goldOnly: true, includeBoilerplate: false, includeGold: true };
    const exported = async (goldOnly: boolean) => {
      const ids: string[] = [];
      for await (const batch of documentBatches(db, { ...scope, goldOnly })) ids.push(batch.document.id);
      return ids;
    };
    expect(await exported(true)).toEqual([]); // gold exists only on the training document
    expect(await exported(false)).toEqual([real.id, other.id]);
    expect((await exportCounts(db, scope)).sentences).toBe(0);
  });
});

describe("qualification", () => {
  const rule = { enabled: true, minAccuracyPercent: 75, dimensions: ["sourcing", "stance"], maxAttempts: 2 };

  it("asks whether annotators already working must qualify, and keeps the exempted working", async () => {
    await expect(setQualificationRule(ana, projectId, rule)).rejects.toThrow(ForbiddenError);
    await expect(setQualificationRule(mona, projectId, { ...rule, dimensions: ["nope"] })).rejects.toThrow(/not in the label schema/);
    await expect(setQualificationRule(mona, projectId, rule)).rejects.toThrow(ConflictError);
    expect(await setQualificationRule(mona, projectId, { ...rule, existing: "exempt" })).toEqual({ exempted: 1 });
    expect(await takeNextDocument(ana, projectId)).toMatchObject({ documentId: real.id });
    await expect(takeNextDocument(ben, projectId)).rejects.toThrow(/training set first/);
    await expect(getWorkspace(ben, projectId, real.id)).rejects.toThrow(ForbiddenError);
    expect((await listDocumentsForAnnotator(ben, projectId)).documents).toEqual([]);
  });

  it("fails an attempt with feedback, keeps it, passes the next one and unlocks real documents", async () => {
    const first = await startTrainingAttempt(ben, projectId);
    expect(first).toMatchObject({ number: 1, created: true });
    // Someone else's attempt is not found.
    await expect(answerTrainingSentence(cem, { attemptId: first.attemptId, segmentId: seg(0), labels: [] })).rejects.toThrow(NotFoundError);
    const fb = await answerTrainingSentence(ben, {
      attemptId: first.attemptId,
      segmentId: seg(0),
      labels: [{ dimension: "sourcing", target: null, value: "direct_quote" }],
    });
    expect(fb.units).toEqual([
      {
        segmentId: seg(0),
        dimension: "sourcing",
        target: "",
        gold: "paraphrased_attribution",
        answer: "direct_quote",
        state: "given",
        correct: false,
        comment: "Said + no quotation marks: a paraphrase (guidelines §2).",
      },
      {
        segmentId: seg(0),
        dimension: "stance",
        target: "azerbaijan",
        gold: "neutral",
        answer: null,
        state: "none",
        correct: false,
        comment: "",
      },
    ]);
    await expect(answerTrainingSentence(ben, { attemptId: first.attemptId, segmentId: seg(0), labels: [] })).rejects.toThrow(
      /already answered/,
    );
    // s1 left unanswered: sourcing 0/2, stance 0/2.
    const failed = await finishTrainingAttempt(ben, { attemptId: first.attemptId });
    expect(failed.passed).toBe(false);
    expect(failed.score!.dimensions).toEqual([
      { dimension: "sourcing", correct: 0, total: 2, accuracy: 0 },
      { dimension: "stance", correct: 0, total: 2, accuracy: 0 },
    ]);
    await expect(answerTrainingSentence(ben, { attemptId: first.attemptId, segmentId: seg(1), labels: [] })).rejects.toThrow(/finished/);

    const second = await startTrainingAttempt(ben, projectId);
    expect(second).toMatchObject({ number: 2, created: true });
    expect((await getTrainingAttempt(ben, projectId, second.attemptId)).feedback).toEqual([]); // a fresh attempt: no answers yet
    await answerTrainingSentence(ben, {
      attemptId: second.attemptId,
      segmentId: seg(0),
      labels: [
        { dimension: "sourcing", target: null, value: "paraphrased_attribution" },
        { dimension: "stance", target: "azerbaijan", value: "neutral" },
      ],
    });
    await answerTrainingSentence(ben, {
      attemptId: second.attemptId,
      segmentId: seg(1),
      labels: [{ dimension: "sourcing", target: null, value: "paraphrased_attribution" }],
    });
    const passed = await finishTrainingAttempt(ben, { attemptId: second.attemptId });
    expect(passed.passed).toBe(true);
    const mine = await myTraining(ben, projectId);
    expect(mine).toMatchObject({ mustQualify: false, passed: true, attemptsLeft: 0 });
    expect(mine.attempts.map((a) => [a.number, a.passed])).toEqual([
      [1, false],
      [2, true],
    ]);
    await expect(startTrainingAttempt(ben, projectId)).rejects.toThrow(/already passed/);
    expect(await takeNextDocument(ben, projectId)).toMatchObject({ assigned: true });
    // The first attempt's labels are still there; none of Ben's training labels is an annotation.
    const db = await getDb();
    expect(await db.trainingLabel.count({ where: { attemptId: first.attemptId } })).toBe(1);
    expect(await db.annotation.count({ where: { userId: ben.id, documentId: training.id } })).toBe(0);
  });

  it("stops after the allowed attempts", async () => {
    for (let i = 0; i < 2; i++) {
      const a = await startTrainingAttempt(cem, projectId);
      expect((await finishTrainingAttempt(cem, { attemptId: a.attemptId })).passed).toBe(false);
    }
    await expect(startTrainingAttempt(cem, projectId)).rejects.toThrow(/No training attempts left/);
    await expect(takeNextDocument(cem, projectId)).rejects.toThrow(ForbiddenError);
  });

  it("shows managers who passed, scores per dimension and the sentences missed most; annotators may not see it", async () => {
    await expect(trainingResults(ben, projectId)).rejects.toThrow(ForbiddenError);
    await expect(trainingResults(stranger, projectId)).rejects.toThrow(NotFoundError);
    const r = await trainingResults(rita, projectId);
    const byName = new Map(r.annotators.map((a) => [a.name, a]));
    expect(byName.get("tr-ana")).toMatchObject({ exempt: true, passed: false, attempts: [] });
    expect(byName.get("tr-ben")).toMatchObject({ exempt: false, passed: true });
    expect(byName.get("tr-cem")!.attempts.map((a) => a.passed)).toEqual([false, false]);
    // Over 4 finished attempts: s0 sourcing and stance were missed 3 times (ben once, cem twice).
    expect(r.hardest[0]).toMatchObject({ wrong: 3, of: 4 });
    expect(r.hardest[0]!.text).toContain("Minister Aliyev");
    const rows = await trainingReportRows(mona, projectId);
    expect(rows.filter((x) => x.annotator === "tr-ben").map((x) => [x.attempt, x.dimension, x.accuracy])).toEqual([
      [1, "sourcing", 0],
      [1, "stance", 0],
      [2, "sourcing", 1],
      [2, "stance", 1],
    ]);
  });
});

describe("two tabs at once", () => {
  it("starting an attempt twice makes one attempt; finishing it twice scores it once", async () => {
    const dana = await newActor("tr-dana@example.org");
    const { addMember } = await import("@/server/projects");
    const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
    await addMember(SYSTEM_ACTOR, projectId, { email: dana.email, role: "ANNOTATOR" });
    const db = await getDb();
    // Both read "no attempt yet", then wait on the foreign key check of their insert.
    await gate.hold("Project", [projectId]);
    const starts = Promise.all([startTrainingAttempt(dana, projectId), startTrainingAttempt(dana, projectId)]);
    await gate.waiting(2);
    await gate.open();
    const [a, b] = await starts;
    expect(a.attemptId).toBe(b.attemptId);
    expect(await db.trainingAttempt.count({ where: { userId: dana.id } })).toBe(1);

    await gate.hold("TrainingAttempt", [a.attemptId]);
    const finishes = Promise.all([
      finishTrainingAttempt(dana, { attemptId: a.attemptId }),
      finishTrainingAttempt(dana, { attemptId: a.attemptId }),
    ]);
    await gate.waiting(2);
    await gate.open();
    const [f1, f2] = await finishes;
    expect(f1).toEqual(f2);
    expect(await db.auditEvent.count({ where: { action: "training.attempt.finish", entityId: a.attemptId } })).toBe(1);
    expect((await myTraining(dana, projectId)).attemptsLeft).toBe(1);
  });
});
