import "server-only";
import type { Tx } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { newId } from "@/lib/ids";

export interface AuditInput {
  projectId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit event inside the caller's transaction. The table is never updated. */
export async function audit(tx: Tx, actor: Actor, e: AuditInput) {
  await tx.auditEvent.create({
    data: {
      id: newId(),
      projectId: e.projectId ?? null,
      actorId: actor.system ? null : actor.id,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: (e.before ?? undefined) as never,
      after: (e.after ?? undefined) as never,
    },
  });
}
