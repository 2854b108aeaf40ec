import "server-only";
import { isDeepStrictEqual } from "node:util";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, withWriteRetry, type Tx } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { visibleProjectsWhere } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { newId } from "@/lib/ids";
import { describeZodError } from "@/lib/validation/users";
import { saveAnnotationInput, segmentStatusInput, type SaveAnnotationInput, type SegmentStatusInput } from "@/lib/validation/annotations";
import { getDimension, isSentenceComplete, validateAnnotationValue } from "@/lib/schema/schema";

export interface SavedAnnotation {
  segmentId: string;
  dimension: string;
  target: string | null;
  value: unknown;
  version: number;
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError } }, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new InvalidError(describeZodError(r.error));
  return r.data;
}

/** The segment, if the actor may annotate its document: the membership check is in the query. */
async function segmentForActor(tx: Tx, actor: Actor, documentId: string, segmentId: string) {
  const seg = await tx.segment.findFirst({
    where: { id: segmentId, documentId, document: { project: visibleProjectsWhere(actor) } },
    select: {
      id: true,
      start: true,
      end: true,
      document: {
        select: {
          projectId: true,
          project: { select: { id: true, schemaVersion: true, labelSchema: true, targets: { select: { key: true }, orderBy: { position: "asc" } } } },
        },
      },
    },
  });
  if (!seg) throw new NotFoundError("Sentence not found in this document");
  return seg;
}

const stored = (v: unknown) => (v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue));

/**
 * Saves one label of one sentence for the acting annotator, with its audit event, in one
 * transaction. `baseVersion` is the version the client last saw: if the label has changed since
 * (another tab, another device), the save is refused with the current value (409), unless the
 * stored value already equals the one sent (a retried save whose answer was lost).
 */
export async function saveAnnotation(actor: Actor, raw: SaveAnnotationInput): Promise<SavedAnnotation> {
  const input = parse(saveAnnotationInput, raw);
  const db = await getDb();
  return withWriteRetry(() => db.$transaction(async (tx) => {
    const seg = await segmentForActor(tx, actor, input.documentId, input.segmentId);
    const project = seg.document.project;
    const schema = projectSchema(project);
    const dim = getDimension(schema, input.dimension);
    let text = "";
    if (dim?.kind === "span") {
      text = (await tx.document.findUniqueOrThrow({ where: { id: input.documentId }, select: { text: true } })).text;
    }
    let value: unknown = null;
    if (input.value !== null) {
      const checked = validateAnnotationValue(
        schema,
        { dimension: input.dimension, target: input.target, value: input.value },
        { targets: project.targets.map((t) => t.key), segment: { start: seg.start, end: seg.end }, text },
      );
      if (!checked.ok) throw new InvalidError(checked.error);
      value = checked.value;
    } else if (!dim) {
      throw new InvalidError(`unknown dimension "${input.dimension}"`);
    }
    const target = input.target ?? "";
    const key = { segmentId: seg.id, userId: actor.id, dimension: input.dimension, target };
    const existing = await tx.annotation.findUnique({ where: { segmentId_userId_dimension_target: key } });
    const current = existing ? { value: existing.value, version: existing.version } : null;
    const result = (version: number, v: unknown): SavedAnnotation => ({ segmentId: seg.id, dimension: input.dimension, target: input.target, value: v, version });
    if ((current?.version ?? null) !== input.baseVersion) {
      if (isDeepStrictEqual(current?.value ?? null, value)) return result(current?.version ?? 0, value);
      throw new ConflictError("This label was changed elsewhere (another tab or device) since you loaded it", { current: current && result(current.version, current.value) });
    }
    let version: number;
    if (existing) {
      const updated = await tx.annotation.updateMany({ where: { id: existing.id, version: existing.version }, data: { value: stored(value), version: { increment: 1 } } });
      if (updated.count !== 1) throw new ConflictError("This label was changed elsewhere at the same moment; reload it");
      version = existing.version + 1;
    } else {
      if (value === null) return result(0, null); // clearing a label that was never set
      try {
        await tx.annotation.create({ data: { id: newId(), projectId: project.id, documentId: input.documentId, ...key, value: stored(value), version: 1 } });
      } catch (e) {
        if (e instanceof Error && "code" in e && e.code === "P2002") throw new ConflictError("This label was created elsewhere at the same moment; reload it");
        throw e;
      }
      version = 1;
    }
    await audit(tx, actor, {
      projectId: project.id,
      action: "annotation.save",
      entityType: "annotation",
      entityId: `${seg.id}:${input.dimension}:${target}`,
      before: current ?? undefined,
      after: { value, version },
    });
    return result(version, value);
  }, { maxWait: 10_000 }));
}

export interface SavedStatus {
  segmentId: string;
  confirmed: boolean;
  version: number;
}

/**
 * Confirms (or un-confirms) a sentence for the acting annotator. Confirming needs every required
 * label; the answer names the missing ones.
 */
export async function setSegmentStatus(actor: Actor, raw: SegmentStatusInput): Promise<SavedStatus> {
  const input = parse(segmentStatusInput, raw);
  const db = await getDb();
  return withWriteRetry(() => db.$transaction(async (tx) => {
    const seg = await segmentForActor(tx, actor, input.documentId, input.segmentId);
    const project = seg.document.project;
    if (input.confirmed) {
      const mine = await tx.annotation.findMany({ where: { segmentId: seg.id, userId: actor.id }, select: { dimension: true, target: true, value: true } });
      const values = new Map(mine.filter((a) => a.value !== null).map((a) => [`${a.dimension}:${a.target}`, a.value as unknown]));
      const check = isSentenceComplete(projectSchema(project), values, project.targets.map((t) => t.key));
      if (!check.complete) throw new InvalidError(`This sentence is missing: ${check.missing.join(", ")}`, { missing: check.missing });
    }
    const existing = await tx.segmentStatus.findUnique({ where: { segmentId_userId: { segmentId: seg.id, userId: actor.id } } });
    const confirmedNow = !!existing?.confirmedAt;
    if ((existing?.version ?? null) !== input.baseVersion) {
      if (confirmedNow === input.confirmed) return { segmentId: seg.id, confirmed: confirmedNow, version: existing?.version ?? 0 };
      throw new ConflictError("This sentence was changed elsewhere since you loaded it", {
        current: { segmentId: seg.id, confirmed: confirmedNow, version: existing?.version ?? 0 },
      });
    }
    const confirmedAt = input.confirmed ? new Date() : null;
    let version = 1;
    if (existing) {
      const u = await tx.segmentStatus.updateMany({ where: { id: existing.id, version: existing.version }, data: { confirmedAt, version: { increment: 1 } } });
      if (u.count !== 1) throw new ConflictError("This sentence was changed elsewhere at the same moment; reload it");
      version = existing.version + 1;
    } else {
      await tx.segmentStatus.create({ data: { id: newId(), documentId: input.documentId, segmentId: seg.id, userId: actor.id, confirmedAt } });
    }
    // Working on a document counts as holding one of its k places (overlap).
    await tx.assignment.upsert({
      where: { documentId_userId: { documentId: input.documentId, userId: actor.id } },
      create: { id: newId(), documentId: input.documentId, userId: actor.id, status: "in_progress" },
      update: {},
    });
    await audit(tx, actor, {
      projectId: project.id,
      action: input.confirmed ? "segment.confirm" : "segment.unconfirm",
      entityType: "segment",
      entityId: seg.id,
      after: { confirmed: input.confirmed, version },
    });
    return { segmentId: seg.id, confirmed: input.confirmed, version };
  }, { maxWait: 10_000 }));
}
