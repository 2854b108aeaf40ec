import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/server/db/client";
import { lockDocument, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { visibleProjectSql } from "@/server/access";
import { NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import { segmentTimeInput, type SegmentTimeInput } from "@/lib/validation/segment-time";

/**
 * Adds the workspace's measured time (lib/workspace/timing.ts) to the signed-in annotator's own
 * time per sentence. Only the actor's rows are ever written (the user id is the actor's, never
 * the client's), only for sentences of a document in a project the actor is a member of (else
 * 404), and no label or confirmation is touched. All entries or none: a sentence that is not the
 * document's (merged away meanwhile) refuses the request, and the workspace drops it.
 */
export async function recordSegmentTime(actor: Actor, raw: SegmentTimeInput): Promise<{ recorded: number }> {
  const input = parseInput(segmentTimeInput, raw);
  return writeTransaction(async (tx) => {
    // The sentences stay as read until commit: a split or merge waits (as for a label save).
    await lockDocument(tx, input.documentId, "labels");
    const ids = input.entries.map((e) => e.segmentId);
    const found = await tx.$queryRaw<{ id: string }[]>`
      SELECT s."id" FROM "Segment" s
      JOIN "Document" d ON d."id" = s."documentId"
      WHERE d."id" = ${input.documentId} AND s."id" IN (${Prisma.join(ids)})${visibleProjectSql(actor, Prisma.sql`d."projectId"`)}`;
    const known = new Set(found.map((r) => r.id));
    const missing = ids.filter((i) => !known.has(i));
    if (missing.length) throw new NotFoundError(`Sentence ${missing[0]} not found in this document`);
    for (const e of input.entries) await addTime(tx, input.documentId, e.segmentId, actor.id, e.ms);
    return { recorded: input.entries.length };
  });
}

/**
 * One atomic add: a concurrent flush (another tab, another instance) that inserted the row first,
 * or is updating it, makes this statement wait and then add to what it committed (PostgreSQL
 * re-reads the row for DO UPDATE), so both flushes count. A read-then-write would lose one.
 */
function addTime(tx: Tx, documentId: string, segmentId: string, userId: string, ms: number) {
  return tx.$executeRaw`
    INSERT INTO "SegmentTime" ("id", "documentId", "segmentId", "userId", "ms")
    VALUES (${newId()}, ${documentId}, ${segmentId}, ${userId}, ${ms})
    ON CONFLICT ("segmentId", "userId") DO UPDATE SET "ms" = "SegmentTime"."ms" + excluded."ms"`;
}
