import "server-only";
import { isDeepStrictEqual } from "node:util";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { lockDocument, uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole, type ProjectAccess } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import { saveGoldInput, type SaveGoldInput } from "@/lib/validation/review";
import { getDimension } from "@/lib/schema/helpers";
import { validateAnnotationValue } from "@/lib/schema/values";

export const REVIEW_ROLES = ["MANAGER", "REVIEWER"] as const;

/**
 * The project access of a reviewer (or manager, or site admin) to a document: a document the
 * actor may not see is "not found"; a member without the role is forbidden.
 */
export async function reviewAccessForDocument(
  db: Db | Tx,
  actor: Actor,
  documentId: string,
  what = "review labels",
): Promise<ProjectAccess> {
  const doc = await db.document.findFirst({ where: { id: documentId }, select: { projectId: true } });
  if (!doc) throw new NotFoundError("Document not found");
  const access = await projectAccess(db, actor, doc.projectId);
  requireRole(access, [...REVIEW_ROLES], what);
  return access;
}

export interface SavedGold {
  segmentId: string;
  dimension: string;
  target: string | null;
  value: unknown;
  comment: string;
  version: number;
  decidedBy: { id: string; name: string } | null;
  updatedAt: string | null;
}

const stored = (v: unknown) => (v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue));

/**
 * Saves one gold label (reviewers, managers, site admins): validated against the project's label
 * schema, versioned (409 with the current label when `baseVersion` is stale, unless the stored
 * label already equals the one sent) and audited ("gold.save", before/after) in one transaction.
 * `null` clears: the row stays with a null value, a recorded decision ("none" for a stance).
 */
export async function saveGoldLabel(actor: Actor, raw: SaveGoldInput): Promise<SavedGold> {
  const input = parseInput(saveGoldInput, raw);
  return writeTransaction(async (tx) => {
    // The schema, the targets and the sentence stay as read until this gold label is stored.
    await lockDocument(tx, input.documentId, "labels");
    const access = await reviewAccessForDocument(tx, actor, input.documentId, "set gold labels");
    const seg = await tx.segment.findFirst({
      where: { id: input.segmentId, documentId: input.documentId },
      select: { id: true, start: true, end: true, document: { select: { text: true } } },
    });
    if (!seg) throw new NotFoundError("Sentence not found in this document");
    const project = await tx.project.findUniqueOrThrow({
      where: { id: access.projectId },
      select: { id: true, schemaVersion: true, labelSchema: true, targets: { select: { key: true }, orderBy: { position: "asc" } } },
    });
    const schema = projectSchema(project);
    if (!getDimension(schema, input.dimension)) throw new InvalidError(`unknown dimension "${input.dimension}"`);
    const checked = validateAnnotationValue(
      schema,
      { dimension: input.dimension, target: input.target, value: input.value },
      { targets: project.targets.map((t) => t.key), segment: { start: seg.start, end: seg.end }, text: seg.document.text },
    );
    if (!checked.ok) throw new InvalidError(checked.error);
    const value = checked.value;
    const target = input.target ?? "";
    const key = { segmentId: seg.id, dimension: input.dimension, target };
    const existing = await tx.goldLabel.findUnique({
      where: { segmentId_dimension_target: key },
      include: { decidedBy: { select: { id: true, name: true } } },
    });
    const toResult = (g: {
      value: unknown;
      comment: string;
      version: number;
      decidedBy: { id: string; name: string };
      updatedAt: Date;
    }): SavedGold => ({
      segmentId: seg.id,
      dimension: input.dimension,
      target: input.target,
      value: g.value,
      comment: g.comment,
      version: g.version,
      decidedBy: g.decidedBy,
      updatedAt: g.updatedAt.toISOString(),
    });
    if ((existing?.version ?? null) !== input.baseVersion) {
      if (existing && isDeepStrictEqual(existing.value, value) && existing.comment === input.comment) return toResult(existing);
      throw new ConflictError("This gold label was changed by someone else since you loaded it", {
        current: existing ? toResult(existing) : null,
      });
    }
    // The same decision saved again by the same reviewer changes nothing and is not logged twice.
    if (existing && isDeepStrictEqual(existing.value, value) && existing.comment === input.comment && existing.decidedBy.id === actor.id) {
      return toResult(existing);
    }
    const data = { value: stored(value), comment: input.comment, decidedById: actor.id };
    let saved;
    if (existing) {
      const u = await tx.goldLabel.updateMany({
        where: { id: existing.id, version: existing.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (u.count !== 1) throw new ConflictError("This gold label was changed elsewhere at the same moment; reload it");
      saved = await tx.goldLabel.findUniqueOrThrow({
        where: { id: existing.id },
        include: { decidedBy: { select: { id: true, name: true } } },
      });
    } else {
      // Two reviewers deciding the same label at once: the later one runs again and meets the first's decision.
      saved = await uniqueOrRetry(
        tx.goldLabel.create({
          data: { id: newId(), ...key, ...data },
          include: { decidedBy: { select: { id: true, name: true } } },
        }),
      );
    }
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "gold.save",
      entityType: "gold",
      entityId: `${seg.id}:${input.dimension}:${target}`,
      before: existing ? { value: existing.value, comment: existing.comment, version: existing.version } : undefined,
      after: { value, comment: input.comment, version: saved.version },
    });
    return toResult(saved);
  });
}

/** The gold labels of one document (reviewers, managers, site admins), in sentence order. */
export async function listGoldLabels(actor: Actor, documentId: string): Promise<SavedGold[]> {
  const db = await getDb();
  await reviewAccessForDocument(db, actor, documentId, "see gold labels");
  const rows = await db.goldLabel.findMany({
    where: { segment: { documentId } },
    orderBy: [{ segment: { index: "asc" } }, { dimension: "asc" }, { target: "asc" }],
    include: { decidedBy: { select: { id: true, name: true } } },
  });
  return rows.map((g) => ({
    segmentId: g.segmentId,
    dimension: g.dimension,
    target: g.target === "" ? null : g.target,
    value: g.value,
    comment: g.comment,
    version: g.version,
    decidedBy: g.decidedBy,
    updatedAt: g.updatedAt.toISOString(),
  }));
}
