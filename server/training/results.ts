import "server-only";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { getDb } from "@/server/db/client";
import { readRule } from "@/server/training/settings";
import { hardestUnits, type TrainingScore } from "@/lib/training/score";

/**
 * The training results of a project (managers and reviewers): the rule, the training documents,
 * per annotator their attempts with scores per dimension and whether they passed or were exempted,
 * and the units missed most often over finished attempts, with their sentence's text.
 */
export async function trainingResults(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER", "REVIEWER"], "see training results");
  const [rule, documents, members, attempts, exemptions] = await Promise.all([
    db.trainingRule.findUnique({ where: { projectId: access.projectId } }).then(readRule),
    db.document.findMany({
      where: { projectId: access.projectId, trainingAt: { not: null } },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, title: true, trainingAt: true, text: true, segments: { select: { id: true, start: true, end: true } } },
    }),
    db.projectMember.findMany({
      where: { projectId: access.projectId, role: "ANNOTATOR" },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.trainingAttempt.findMany({ where: { projectId: access.projectId }, orderBy: [{ userId: "asc" }, { number: "asc" }] }),
    db.trainingExemption.findMany({ where: { projectId: access.projectId }, select: { userId: true } }),
  ]);
  const exempt = new Set(exemptions.map((e) => e.userId));
  const annotators = members.map(({ user }) => {
    const mine = attempts.filter((a) => a.userId === user.id);
    return {
      ...user,
      exempt: exempt.has(user.id),
      passed: mine.some((a) => a.passed === true),
      attempts: mine.map((a) => ({
        number: a.number,
        finishedAt: a.finishedAt?.toISOString() ?? null,
        passed: a.passed,
        dimensions: (a.score as TrainingScore | null)?.dimensions ?? [],
      })),
    };
  });
  const sentence = new Map(
    documents.flatMap((d) => d.segments.map((s) => [s.id, { document: d.title, text: d.text.slice(s.start, s.end) }] as const)),
  );
  const finished = attempts.flatMap((a) => (a.score ? [a.score as unknown as TrainingScore] : []));
  const hardest = hardestUnits(finished)
    .slice(0, 20)
    .map((u) => ({ ...u, ...(sentence.get(u.segmentId) ?? { document: "", text: "" }) }));
  return {
    access,
    rule,
    documents: documents.map((d) => ({ id: d.id, title: d.title, sentences: d.segments.length })),
    annotators,
    hardest,
  };
}

/** The training report's rows: one per annotator, attempt and scored dimension (CSV and JSON downloads). */
export async function trainingReportRows(actor: Actor, projectRef: string) {
  const { annotators } = await trainingResults(actor, projectRef);
  return annotators.flatMap((a) =>
    a.attempts.flatMap((t) =>
      t.dimensions.map((d) => ({
        annotator: a.name,
        email: a.email,
        attempt: t.number,
        finished_at: t.finishedAt,
        passed: t.passed,
        dimension: d.dimension,
        correct: d.correct,
        total: d.total,
        accuracy: d.accuracy,
      })),
    ),
  );
}
