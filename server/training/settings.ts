import "server-only";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole } from "@/server/access";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { lockDocument, lockProject, writeTransaction } from "@/server/db/transaction";
import { ConflictError, InvalidError } from "@/server/errors";
import { projectSchema } from "@/server/label-schema";
import { parseInput } from "@/server/parse-input";
import { REAL_DOCUMENT } from "@/server/training/exclusion";
import { newId } from "@/lib/ids";
import { getDimension } from "@/lib/schema/helpers";
import {
  qualificationRuleInput,
  trainingDocumentsInput,
  type QualificationRuleInput,
  type TrainingDocumentsInput,
} from "@/lib/validation/training";

/** The dimensions scored when a manager has not chosen: sourcing and stance, those of them the schema has. */
export const DEFAULT_SCORED_DIMENSIONS = ["sourcing", "stance"];

/**
 * Marks documents as training material, or makes them ordinary again (managers). A training
 * document needs gold (it is what attempts are scored against) and must hold nobody's work: its
 * annotators' labels, confirmations, assignments or reviewers' comments would otherwise vanish
 * from agreement, review and the export without anyone deciding so. Each document is locked as a
 * sentence split locks it, so a label save in flight finishes first and a later one sees the mark.
 */
export async function setTrainingDocuments(actor: Actor, projectRef: string, raw: TrainingDocumentsInput) {
  const input = parseInput(trainingDocumentsInput, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "choose training material");
  const ids = [...new Set(input.documentIds)].sort();
  return writeTransaction(async (tx) => {
    for (const id of ids) await lockDocument(tx, id, "segments");
    const docs = await tx.document.findMany({
      where: { id: { in: ids }, projectId: access.projectId },
      select: {
        id: true,
        title: true,
        trainingAt: true,
        _count: { select: { annotations: true, assignments: true, reviewComments: true } },
        segments: {
          where: { OR: [{ gold: { some: {} } }, { statuses: { some: {} } }] },
          select: { _count: { select: { gold: true, statuses: true } } },
        },
      },
    });
    if (docs.length !== ids.length) throw new InvalidError("Some documents are not in this project");
    if (input.training) {
      const problems: string[] = [];
      for (const d of docs) {
        const gold = d.segments.reduce((n, s) => n + s._count.gold, 0);
        const work =
          d._count.annotations + d._count.assignments + d._count.reviewComments + d.segments.reduce((n, s) => n + s._count.statuses, 0);
        if (gold === 0) problems.push(`"${d.title}" has no gold labels: set them on its Review page first`);
        else if (work > 0) problems.push(`"${d.title}" already has annotators' work (labels, confirmations or assignments)`);
      }
      if (problems.length) throw new InvalidError(`Cannot use as training material: ${problems.join("; ")}`, { errors: problems });
    }
    const changed = docs.filter((d) => (d.trainingAt !== null) !== input.training).map((d) => d.id);
    if (changed.length) {
      await tx.document.updateMany({ where: { id: { in: changed } }, data: { trainingAt: input.training ? new Date() : null } });
      await audit(tx, actor, {
        projectId: access.projectId,
        action: input.training ? "training.documents.add" : "training.documents.remove",
        entityType: "project",
        entityId: access.projectId,
        after: { documentIds: changed },
      });
    }
    return { changed: changed.length };
  });
}

/** Annotators of the project with work on ordinary documents (an assignment or a confirmed sentence). */
async function workingAnnotators(db: Db | Tx, projectId: string): Promise<string[]> {
  const rows = await db.projectMember.findMany({
    where: {
      projectId,
      role: "ANNOTATOR",
      user: {
        OR: [
          { assignments: { some: { document: { projectId, ...REAL_DOCUMENT } } } },
          { statuses: { some: { segment: { document: { projectId, ...REAL_DOCUMENT } } } } },
        ],
      },
    },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

export interface QualificationRule {
  enabled: boolean;
  minAccuracy: number;
  dimensions: string[];
  maxAttempts: number;
}

export function readRule(
  row: { enabledAt: Date | null; minAccuracy: number; dimensions: unknown; maxAttempts: number } | null,
): QualificationRule | null {
  if (!row) return null;
  const dimensions = Array.isArray(row.dimensions) ? row.dimensions.filter((d): d is string => typeof d === "string") : [];
  return { enabled: row.enabledAt !== null, minAccuracy: row.minAccuracy, dimensions, maxAttempts: row.maxAttempts };
}

/**
 * Sets the qualification rule (managers). Switching it on while annotators already have work asks
 * whether they must qualify too (`existing`): "exempt" stores an exemption for each of them (they
 * keep working), "qualify" stores none (their next document waits until they pass). Under the
 * project's assignment lock, so no "Next document" is decided against the rule half-changed.
 */
export async function setQualificationRule(actor: Actor, projectRef: string, raw: QualificationRuleInput) {
  const input = parseInput(qualificationRuleInput, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "set the qualification rule");
  return writeTransaction(async (tx) => {
    await lockProject(tx, access.projectId, "assignments");
    const project = await tx.project.findUniqueOrThrow({
      where: { id: access.projectId },
      select: { id: true, schemaVersion: true, labelSchema: true, trainingRule: true },
    });
    const schema = projectSchema(project);
    const unknown = input.dimensions.filter((d) => !getDimension(schema, d));
    if (unknown.length) throw new InvalidError(`dimensions: not in the label schema: ${unknown.join(", ")}`);
    const before = readRule(project.trainingRule);
    const switchingOn = input.enabled && !before?.enabled;
    let exempted = 0;
    if (switchingOn) {
      const working = await workingAnnotators(tx, access.projectId);
      if (working.length && !input.existing)
        throw new ConflictError(
          `${working.length} annotator${working.length === 1 ? " is" : "s are"} already working in this project: say whether they must qualify too`,
          { working: working.length },
        );
      if (input.existing === "exempt") {
        const already = new Set(
          (await tx.trainingExemption.findMany({ where: { projectId: access.projectId }, select: { userId: true } })).map((e) => e.userId),
        );
        const add = working.filter((u) => !already.has(u));
        if (add.length)
          await tx.trainingExemption.createMany({
            data: add.map((userId) => ({ id: newId(), projectId: access.projectId, userId, createdAt: new Date() })),
          });
        exempted = add.length;
      }
    }
    const data = {
      minAccuracy: input.minAccuracyPercent / 100,
      dimensions: [...new Set(input.dimensions)],
      maxAttempts: input.maxAttempts,
      enabledAt: input.enabled ? (project.trainingRule?.enabledAt ?? new Date()) : null,
    };
    await tx.trainingRule.upsert({
      where: { projectId: access.projectId },
      create: { projectId: access.projectId, ...data },
      update: data,
    });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "training.rule",
      entityType: "project",
      entityId: access.projectId,
      before,
      after: {
        ...readRule({ ...data, dimensions: data.dimensions }),
        ...(switchingOn ? { existing: input.existing ?? null, exempted } : {}),
      },
    });
    return { exempted };
  });
}
