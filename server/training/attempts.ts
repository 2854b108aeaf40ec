import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { env } from "@/lib/env";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, type ProjectAccess } from "@/server/access";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { projectSchema } from "@/server/label-schema";
import { parseInput } from "@/server/parse-input";
import { readRule, type QualificationRule } from "@/server/training/settings";
import { needsQualification } from "@/server/training/qualification";
import { newId } from "@/lib/ids";
import { getDimension } from "@/lib/schema/helpers";
import { validateAnnotationValue } from "@/lib/schema/values";
import { scoreAttempt, type ScoredLabel, type TrainingScore, type UnitResult } from "@/lib/training/score";
import { attemptInput, trainingSentenceInput, type TrainingSentenceInput } from "@/lib/validation/training";

const TRAINING_DOCUMENT = { trainingAt: { not: null } } as const;

/** The project's rule, refused when qualification is off (there is nothing to attempt). */
async function activeRule(db: Db | Tx, projectId: string): Promise<QualificationRule> {
  const rule = readRule(await db.trainingRule.findUnique({ where: { projectId } }));
  if (!rule?.enabled) throw new ConflictError("This project has no qualification switched on");
  return rule;
}

/** The gold of the training set in the scored dimensions (non-boilerplate sentences). */
async function trainingGold(db: Db | Tx, projectId: string, dimensions: string[]): Promise<ScoredLabel[]> {
  return db.goldLabel.findMany({
    where: { dimension: { in: dimensions }, segment: { isBoilerplate: false, document: { projectId, ...TRAINING_DOCUMENT } } },
    select: { segmentId: true, dimension: true, target: true, value: true },
  });
}

/**
 * An attempt of the acting user in this project, locked against the other writes of the same
 * attempt (a second tab confirming or finishing it): FOR UPDATE on PostgreSQL; SQLite runs one
 * write transaction at a time. Someone else's attempt is "not found".
 */
async function lockedAttempt(tx: Tx, actor: Actor, attemptId: string) {
  if (env().database.provider === "postgresql") await tx.$executeRaw`SELECT 1 FROM "TrainingAttempt" WHERE "id" = ${attemptId} FOR UPDATE`;
  const attempt = await tx.trainingAttempt.findFirst({ where: { id: attemptId, userId: actor.id } });
  if (!attempt) throw new NotFoundError("Training attempt not found");
  return attempt;
}

export interface AttemptSummary {
  id: string;
  number: number;
  startedAt: string;
  finishedAt: string | null;
  passed: boolean | null;
  score: TrainingScore | null;
}

const summary = (a: {
  id: string;
  number: number;
  startedAt: Date;
  finishedAt: Date | null;
  passed: boolean | null;
  score: unknown;
}): AttemptSummary => ({
  id: a.id,
  number: a.number,
  startedAt: a.startedAt.toISOString(),
  finishedAt: a.finishedAt?.toISOString() ?? null,
  passed: a.passed,
  score: (a.score as TrainingScore | null) ?? null,
});

/** The acting member's training in a project: the rule, whether it holds them back, their attempts. */
export async function myTraining(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  const [rule, attempts, mustQualify] = await Promise.all([
    db.trainingRule.findUnique({ where: { projectId: access.projectId } }).then(readRule),
    db.trainingAttempt.findMany({ where: { projectId: access.projectId, userId: actor.id }, orderBy: { number: "asc" } }),
    needsQualification(db, access, actor.id),
  ]);
  const open = attempts.find((a) => a.finishedAt === null) ?? null;
  const passed = attempts.some((a) => a.passed === true);
  const attemptsLeft = rule ? Math.max(0, rule.maxAttempts - attempts.length) : 0;
  return { access, rule, mustQualify, passed, attempts: attempts.map(summary), openAttemptId: open?.id ?? null, attemptsLeft };
}

/**
 * Starts an attempt, or answers the one already open. Two tabs starting at once both read "no open
 * attempt, n so far" and insert number n + 1: the unique (project, user, number) lets one in and
 * the other runs again (uniqueOrRetry), finds that attempt open and answers it; no attempt is
 * created twice and none counts twice. Refused once passed or when no attempts are left.
 */
export async function startTrainingAttempt(
  actor: Actor,
  projectRef: string,
): Promise<{ attemptId: string; number: number; created: boolean }> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  return writeTransaction(async (tx) => {
    const rule = await activeRule(tx, access.projectId);
    const attempts = await tx.trainingAttempt.findMany({
      where: { projectId: access.projectId, userId: actor.id },
      orderBy: { number: "asc" },
      select: { id: true, number: true, finishedAt: true, passed: true },
    });
    const open = attempts.find((a) => a.finishedAt === null);
    if (open) return { attemptId: open.id, number: open.number, created: false };
    if (attempts.some((a) => a.passed)) throw new ConflictError("You have already passed the training set");
    if (attempts.length >= rule.maxAttempts)
      throw new ForbiddenError(`No training attempts left (${rule.maxAttempts} allowed): ask a manager of the project`);
    if ((await trainingGold(tx, access.projectId, rule.dimensions)).length === 0)
      throw new ConflictError("The training set has no gold labels in the scored dimensions yet");
    const number = (attempts.at(-1)?.number ?? 0) + 1;
    const id = newId();
    await uniqueOrRetry(
      tx.trainingAttempt.create({ data: { id, projectId: access.projectId, userId: actor.id, number, startedAt: new Date() } }),
    );
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "training.attempt.start",
      entityType: "trainingAttempt",
      entityId: id,
      after: { number },
    });
    return { attemptId: id, number, created: true };
  });
}

/** What an annotator sees after confirming a training sentence: per scored unit, gold and their answer. */
export interface SentenceFeedback {
  segmentId: string;
  /** Each scored unit with the gold's comment ("" when none: the guidelines explain it). */
  units: (UnitResult & { comment: string })[];
}

/** Gold units of one sentence, scored against the attempt's labels, with the gold's comments. */
async function feedbackFor(db: Db | Tx, attemptId: string, segmentIds: string[], dimensions: string[]): Promise<SentenceFeedback[]> {
  const [gold, labels, confirmations] = await Promise.all([
    db.goldLabel.findMany({
      where: { segmentId: { in: segmentIds }, dimension: { in: dimensions } },
      select: { segmentId: true, dimension: true, target: true, value: true, comment: true },
    }),
    db.trainingLabel.findMany({
      where: { attemptId, segmentId: { in: segmentIds } },
      select: { segmentId: true, dimension: true, target: true, value: true },
    }),
    db.trainingConfirmation.findMany({ where: { attemptId, segmentId: { in: segmentIds } }, select: { segmentId: true } }),
  ]);
  const confirmed = new Set(confirmations.map((c) => c.segmentId));
  const comments = new Map(gold.map((g) => [`${g.segmentId}|${g.dimension}|${g.target}`, g.comment]));
  const { units } = scoreAttempt({ dimensions, minAccuracy: 1, gold, labels, confirmed });
  return segmentIds
    .filter((s) => confirmed.has(s))
    .map((segmentId) => ({
      segmentId,
      units: units
        .filter((u) => u.segmentId === segmentId)
        .map((u) => ({ ...u, comment: comments.get(`${u.segmentId}|${u.dimension}|${u.target}`) ?? "" })),
    }));
}

const stored = (v: unknown) => (v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue));

/**
 * Answers one training sentence: its labels, validated like any label, and its confirmation, in one
 * write; the answer is final (the gold is shown next), so a sentence confirmed already in this
 * attempt is refused. Answers the sentence's feedback.
 */
export async function answerTrainingSentence(actor: Actor, raw: TrainingSentenceInput): Promise<SentenceFeedback> {
  const input = parseInput(trainingSentenceInput, raw);
  return writeTransaction(async (tx) => {
    const attempt = await lockedAttempt(tx, actor, input.attemptId);
    if (attempt.finishedAt) throw new ConflictError("This training attempt is finished");
    const rule = await activeRule(tx, attempt.projectId);
    const seg = await tx.segment.findFirst({
      where: { id: input.segmentId, isBoilerplate: false, document: { projectId: attempt.projectId, ...TRAINING_DOCUMENT } },
      select: { id: true, start: true, end: true, document: { select: { text: true } } },
    });
    if (!seg) throw new NotFoundError("Sentence not found in the training set");
    if (await tx.trainingConfirmation.findUnique({ where: { attemptId_segmentId: { attemptId: attempt.id, segmentId: seg.id } } }))
      throw new ConflictError("You have already answered this sentence in this attempt");
    const project = await tx.project.findUniqueOrThrow({
      where: { id: attempt.projectId },
      select: { id: true, schemaVersion: true, labelSchema: true, targets: { select: { key: true }, orderBy: { position: "asc" } } },
    });
    const schema = projectSchema(project);
    const seen = new Set<string>();
    const rows: {
      id: string;
      attemptId: string;
      segmentId: string;
      dimension: string;
      target: string;
      value: Prisma.InputJsonValue | typeof Prisma.JsonNull;
    }[] = [];
    for (const [i, l] of input.labels.entries()) {
      if (!getDimension(schema, l.dimension)) throw new InvalidError(`labels[${i}]: unknown dimension "${l.dimension}"`);
      const key = `${l.dimension}|${l.target ?? ""}`;
      if (seen.has(key)) throw new InvalidError(`labels[${i}]: "${key}" is given twice`);
      seen.add(key);
      const checked = validateAnnotationValue(
        schema,
        { dimension: l.dimension, target: l.target, value: l.value },
        { targets: project.targets.map((t) => t.key), segment: { start: seg.start, end: seg.end }, text: seg.document.text },
      );
      if (!checked.ok) throw new InvalidError(`labels[${i}]: ${checked.error}`);
      // No value is no label: confirming says "none" for it, as in the workspace.
      if (checked.value === null) continue;
      rows.push({
        id: newId(),
        attemptId: attempt.id,
        segmentId: seg.id,
        dimension: l.dimension,
        target: l.target ?? "",
        value: stored(checked.value),
      });
    }
    if (rows.length) await tx.trainingLabel.createMany({ data: rows });
    await uniqueOrRetry(
      tx.trainingConfirmation.create({ data: { id: newId(), attemptId: attempt.id, segmentId: seg.id, confirmedAt: new Date() } }),
    );
    return (await feedbackFor(tx, attempt.id, [seg.id], rule.dimensions))[0]!;
  });
}

/**
 * Finishes an attempt: scores it against the training set's gold (lib/training/score.ts) and stores
 * the score and the verdict with it, once. Finishing again (a second tab) answers the stored result.
 */
export async function finishTrainingAttempt(actor: Actor, raw: { attemptId: string }) {
  const { attemptId } = parseInput(attemptInput, raw);
  return writeTransaction(async (tx) => {
    const attempt = await lockedAttempt(tx, actor, attemptId);
    if (attempt.finishedAt) return summary(attempt);
    const rule = await activeRule(tx, attempt.projectId);
    const [gold, labels, confirmations] = await Promise.all([
      trainingGold(tx, attempt.projectId, rule.dimensions),
      tx.trainingLabel.findMany({ where: { attemptId }, select: { segmentId: true, dimension: true, target: true, value: true } }),
      tx.trainingConfirmation.findMany({ where: { attemptId }, select: { segmentId: true } }),
    ]);
    const score = scoreAttempt({
      dimensions: rule.dimensions,
      minAccuracy: rule.minAccuracy,
      gold,
      labels,
      confirmed: new Set(confirmations.map((c) => c.segmentId)),
    });
    const done = await tx.trainingAttempt.update({
      where: { id: attempt.id },
      data: { finishedAt: new Date(), passed: score.passed, score: score as unknown as Prisma.InputJsonValue },
    });
    await audit(tx, actor, {
      projectId: attempt.projectId,
      action: "training.attempt.finish",
      entityType: "trainingAttempt",
      entityId: attempt.id,
      after: { number: attempt.number, passed: score.passed, dimensions: score.dimensions },
    });
    return summary(done);
  });
}

/**
 * One attempt as its annotator sees it: the training documents with their sentences, which are
 * answered, and the feedback of those answered (the project's guidelines explain what has no comment).
 */
export async function getTrainingAttempt(actor: Actor, projectRef: string, attemptId: string) {
  const db = await getDb();
  const access: ProjectAccess = await projectAccess(db, actor, projectRef);
  const attempt = await db.trainingAttempt.findFirst({ where: { id: attemptId, userId: actor.id, projectId: access.projectId } });
  if (!attempt) throw new NotFoundError("Training attempt not found");
  const rule = readRule(await db.trainingRule.findUnique({ where: { projectId: access.projectId } }));
  const documents = await db.document.findMany({
    where: { projectId: access.projectId, ...TRAINING_DOCUMENT },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      text: true,
      segments: { where: { isBoilerplate: false }, orderBy: { index: "asc" }, select: { id: true, start: true, end: true } },
    },
  });
  const segmentIds = documents.flatMap((d) => d.segments.map((s) => s.id));
  const feedback = await feedbackFor(db, attempt.id, segmentIds, rule?.dimensions ?? []);
  return { access, attempt: summary(attempt), rule, documents, feedback };
}
