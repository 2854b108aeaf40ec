import "server-only";
import { isDeepStrictEqual } from "node:util";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/server/db/client";
import { lockDocument, uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { visibleProjectSql } from "@/server/access";
import { projectSchemaAt } from "@/server/label-schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import { saveAnnotationInput, segmentStatusInput, type SaveAnnotationInput, type SegmentStatusInput } from "@/lib/validation/annotations";
import { getDimension } from "@/lib/schema/helpers";
import { isSentenceComplete } from "@/lib/schema/complete";
import { validateAnnotationValue } from "@/lib/schema/values";
import { confirmationState, type TargetRef } from "@/lib/schema/confirmation";
import { loadSuggestions } from "@/server/suggestions/sets";

export interface SavedAnnotation {
  segmentId: string;
  dimension: string;
  target: string | null;
  value: unknown;
  version: number;
}

/** A sentence the actor may annotate, with what validating a label of it needs. */
interface Sentence {
  id: string;
  start: number;
  end: number;
  projectId: string;
  schemaVersion: number;
  /**
   * The project's target keys in order, read with the sentence every time: editing targets does
   * not change schemaVersion, so no cache keyed by it could tell that they changed.
   */
  targets: string[];
  /** The same targets with their ids: a confirmation records the ids it covered. */
  targetRefs: TargetRef[];
}

/** The acting annotator's stored label, as read with the sentence. */
interface StoredLabel {
  id: string;
  value: unknown;
  version: number;
  suggestionId: string | null;
}

interface SentenceRow {
  start: number;
  end: number;
  projectId: string;
  schemaVersion: number;
  targetKey: string | null;
  targetId: string | null;
  labelId?: string | null;
  labelVersion?: number | null;
  labelValue?: string | null;
  labelSuggestionId?: string | null;
}

const SENTENCE_NOT_FOUND = "Sentence not found in this document";

/**
 * The sentence, if the actor may annotate its document, in one query: the membership check is in
 * the query (a non-member gets "not found"), with the project's schema version and target keys
 * (one row per target) and, given `label`, the actor's stored value of that label. Prisma's nested
 * select sent one SELECT per relation level (segment, document, project, targets) and the label
 * took a fifth; each query costs more CPU in Prisma than in SQLite (figures: bench/README.md). Identifiers are quoted: the SQL is the same on SQLite
 * and PostgreSQL. The value is read as JSON text (a TEXT column on SQLite, jsonb on PostgreSQL)
 * and parsed here, so it compares as Prisma would have returned it.
 */
async function sentenceForActor(
  tx: Tx,
  actor: Actor,
  documentId: string,
  segmentId: string,
  label?: { dimension: string; target: string },
) {
  const rows = await tx.$queryRaw<SentenceRow[]>`
    SELECT s."start", s."end", d."projectId", p."schemaVersion", t."key" AS "targetKey", t."id" AS "targetId"${
      label
        ? Prisma.sql`, a."id" AS "labelId", a."version" AS "labelVersion", CAST(a."value" AS TEXT) AS "labelValue", a."suggestionId" AS "labelSuggestionId"`
        : Prisma.empty
    }
    FROM "Segment" s
    JOIN "Document" d ON d."id" = s."documentId"
    JOIN "Project" p ON p."id" = d."projectId"
    LEFT JOIN "Target" t ON t."projectId" = p."id"${
      label
        ? Prisma.sql`
    LEFT JOIN "Annotation" a ON a."segmentId" = s."id" AND a."userId" = ${actor.id} AND a."dimension" = ${label.dimension} AND a."target" = ${label.target}`
        : Prisma.empty
    }
    WHERE s."id" = ${segmentId} AND s."documentId" = ${documentId} AND d."trainingAt" IS NULL${visibleProjectSql(actor, Prisma.sql`p."id"`)}
    ORDER BY t."position"`;
  const row = rows[0];
  if (!row) throw new NotFoundError(SENTENCE_NOT_FOUND);
  const sentence: Sentence = {
    id: segmentId,
    start: row.start,
    end: row.end,
    projectId: row.projectId,
    schemaVersion: row.schemaVersion,
    targets: rows.flatMap((r) => (r.targetKey === null ? [] : [r.targetKey])),
    targetRefs: rows.flatMap((r) => (r.targetKey === null ? [] : [{ id: r.targetId!, key: r.targetKey }])),
  };
  const mine: StoredLabel | null = row.labelId
    ? {
        id: row.labelId,
        value: JSON.parse(row.labelValue ?? "null") as unknown,
        version: row.labelVersion!,
        suggestionId: row.labelSuggestionId ?? null,
      }
    : null;
  return { sentence, mine };
}

/**
 * A write naming a sentence that is gone since it was read fails on its foreign key. Splits and
 * merges wait for the document lock a save holds, so only a writer that skips it (a script on the
 * database) can do this; the answer is still the "not found" the read would have given a moment later.
 */
async function sentenceGoneIsNotFound<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (e instanceof Error && "code" in e && e.code === "P2003")
      throw new NotFoundError(`${SENTENCE_NOT_FOUND} (it was merged or removed; reload the document)`);
    throw e;
  }
}

/** A label accepted from a suggestion has the suggestion's sentence, dimension, target and value. */
async function checkAccepted(
  tx: Tx,
  suggestionId: string,
  key: { documentId: string; segmentId: string; dimension: string; target: string },
  value: unknown,
) {
  const s = (await loadSuggestions(tx, { documentId: key.documentId })).find(
    (x) => x.id === suggestionId && x.segmentId === key.segmentId && x.dimension === key.dimension && (x.target ?? "") === key.target,
  );
  if (!s)
    throw new InvalidError(
      `suggestion ${suggestionId} is not a suggestion for this label (it may have been recomputed: reload the document)`,
    );
  if (!isDeepStrictEqual(s.value, value))
    throw new InvalidError(`the value differs from suggestion ${suggestionId}; send it without suggestionId`);
}

const stored = (v: unknown) => (v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue));

/**
 * Saves one label of one sentence for the acting annotator, with its audit event, in one
 * transaction. `baseVersion` is the version the client last saw: if the label has changed since
 * (another tab, another device), the save is refused with the current value (409), unless the
 * stored value already equals the one sent (a retried save whose answer was lost).
 */
export async function saveAnnotation(actor: Actor, raw: SaveAnnotationInput): Promise<SavedAnnotation> {
  const input = parseInput(saveAnnotationInput, raw);
  const target = input.target ?? "";
  return sentenceGoneIsNotFound(
    writeTransaction(async (tx) => {
      // The schema, the targets and the sentence stay as read until this label is stored.
      await lockDocument(tx, input.documentId, "labels");
      const { sentence: seg, mine: existing } = await sentenceForActor(tx, actor, input.documentId, input.segmentId, {
        dimension: input.dimension,
        target,
      });
      const schema = await projectSchemaAt(tx, seg.projectId, seg.schemaVersion);
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
          { targets: seg.targets, segment: { start: seg.start, end: seg.end }, text },
        );
        if (!checked.ok) throw new InvalidError(checked.error);
        value = checked.value;
      } else if (!dim) {
        throw new InvalidError(`unknown dimension "${input.dimension}"`);
      }
      const key = { segmentId: seg.id, userId: actor.id, dimension: input.dimension, target };
      const suggestionId = input.suggestionId ?? null;
      if (suggestionId) await checkAccepted(tx, suggestionId, { ...key, documentId: input.documentId }, value);
      const current = existing ? { value: existing.value, version: existing.version } : null;
      const result = (version: number, v: unknown): SavedAnnotation => ({
        segmentId: seg.id,
        dimension: input.dimension,
        target: input.target,
        value: v,
        version,
      });
      if ((current?.version ?? null) !== input.baseVersion) {
        if (isDeepStrictEqual(current?.value ?? null, value)) return result(current?.version ?? 0, value);
        throw new ConflictError("This label was changed elsewhere (another tab or device) since you loaded it", {
          current: current && result(current.version, current.value),
        });
      }
      // Saving what is already stored (a key pressed twice, a blur after no edit) changes nothing:
      // no new version and no second audit event saying the same thing.
      if (existing && isDeepStrictEqual(existing.value, value) && existing.suggestionId === suggestionId) {
        return result(existing.version, value);
      }
      let version: number;
      if (existing) {
        const updated = await tx.annotation.updateMany({
          where: { id: existing.id, version: existing.version },
          data: { value: stored(value), version: { increment: 1 }, suggestionId },
        });
        if (updated.count !== 1) throw new ConflictError("This label was changed elsewhere at the same moment; reload it");
        version = existing.version + 1;
      } else {
        if (value === null) return result(0, null); // clearing a label that was never set
        await uniqueOrRetry(
          tx.annotation.create({
            data: {
              id: newId(),
              projectId: seg.projectId,
              documentId: input.documentId,
              ...key,
              value: stored(value),
              version: 1,
              suggestionId,
            },
          }),
        );
        version = 1;
      }
      await audit(tx, actor, {
        projectId: seg.projectId,
        action: "annotation.save",
        entityType: "annotation",
        entityId: `${seg.id}:${input.dimension}:${target}`,
        before: current ?? undefined,
        after: { value, version, ...(suggestionId ? { suggestionId } : {}) },
      });
      return result(version, value);
    }),
  );
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
  const input = parseInput(segmentStatusInput, raw);
  return sentenceGoneIsNotFound(
    writeTransaction(async (tx) => {
      await lockDocument(tx, input.documentId, "labels");
      const { sentence: seg } = await sentenceForActor(tx, actor, input.documentId, input.segmentId);
      if (input.confirmed) {
        const mine = await tx.annotation.findMany({
          where: { segmentId: seg.id, userId: actor.id },
          select: { dimension: true, target: true, value: true },
        });
        const values = new Map(mine.filter((a) => a.value !== null).map((a) => [`${a.dimension}:${a.target}`, a.value as unknown]));
        const check = isSentenceComplete(await projectSchemaAt(tx, seg.projectId, seg.schemaVersion), values, seg.targets);
        if (!check.complete) throw new InvalidError(`This sentence is missing: ${check.missing.join(", ")}`, { missing: check.missing });
      }
      const existing = await tx.segmentStatus.findUnique({ where: { segmentId_userId: { segmentId: seg.id, userId: actor.id } } });
      // Confirmed means confirmed for every target the project has now: a sentence confirmed
      // before a target was added is confirmed again for it (and for the others) here.
      const confirmedNow = confirmationState(existing?.confirmedAt ?? null, existing?.confirmedTargets, seg.targetRefs).confirmed;
      if ((existing?.version ?? null) !== input.baseVersion) {
        if (confirmedNow === input.confirmed) return { segmentId: seg.id, confirmed: confirmedNow, version: existing?.version ?? 0 };
        throw new ConflictError("This sentence was changed elsewhere since you loaded it", {
          current: { segmentId: seg.id, confirmed: confirmedNow, version: existing?.version ?? 0 },
        });
      }
      const confirmedAt = input.confirmed ? new Date() : null;
      // The targets this confirmation covers: the ones read with the sentence, in this transaction.
      const confirmedTargets = input.confirmed ? seg.targetRefs.map((t) => t.id) : Prisma.DbNull;
      let version = 1;
      if (existing) {
        const u = await tx.segmentStatus.updateMany({
          where: { id: existing.id, version: existing.version },
          data: { confirmedAt, confirmedTargets, version: { increment: 1 } },
        });
        if (u.count !== 1) throw new ConflictError("This sentence was changed elsewhere at the same moment; reload it");
        version = existing.version + 1;
      } else {
        // Two tabs confirming the same sentence at once: the later one runs again and finds it confirmed.
        await uniqueOrRetry(
          tx.segmentStatus.create({
            data: { id: newId(), documentId: input.documentId, segmentId: seg.id, userId: actor.id, confirmedAt, confirmedTargets },
          }),
        );
      }
      // Working on a document counts as holding one of its k places (overlap).
      await uniqueOrRetry(
        tx.assignment.upsert({
          where: { documentId_userId: { documentId: input.documentId, userId: actor.id } },
          create: { id: newId(), documentId: input.documentId, userId: actor.id, status: "in_progress" },
          update: {},
        }),
      );
      await audit(tx, actor, {
        projectId: seg.projectId,
        action: input.confirmed ? "segment.confirm" : "segment.unconfirm",
        entityType: "segment",
        entityId: seg.id,
        after: { confirmed: input.confirmed, version, ...(input.confirmed ? { targets: seg.targets } : {}) },
      });
      return { segmentId: seg.id, confirmed: input.confirmed, version };
    }),
  );
}
