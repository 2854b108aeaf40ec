import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { parseInput } from "@/server/parse-input";

const auditFilterInput = z.object({
  action: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(320).optional(),
  from: z.iso.date({ message: "from: use a date like 2026-11-25" }).optional(),
  to: z.iso.date({ message: "to: use a date like 2026-11-25" }).optional(),
  before: z.iso.datetime({ message: "before: not a timestamp" }).optional(),
});
export type AuditFilter = z.input<typeof auditFilterInput>;

const PAGE = 100;

/**
 * The project's audit log for its managers, newest first, 100 at a time (`before` pages on):
 * who changed what when, with the value before and after. The log is append-only: nothing in the
 * application updates or deletes its rows.
 */
export async function listAuditEvents(actor: Actor, projectRef: string, raw: AuditFilter) {
  const f = parseInput(auditFilterInput, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "read the audit log");
  const actorIds = f.actor
    ? (
        await db.user.findMany({
          where: { OR: [{ email: { contains: f.actor.toLowerCase() } }, { name: { contains: f.actor } }] },
          select: { id: true },
        })
      ).map((u) => u.id)
    : undefined;
  const createdAt = {
    ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}),
    ...(f.to ? { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    ...(f.before ? { lt: new Date(f.before) } : {}),
  };
  const rows = await db.auditEvent.findMany({
    where: {
      projectId: access.projectId,
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(actorIds ? { actorId: { in: actorIds } } : {}),
      ...(Object.keys(createdAt).length ? { createdAt } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
  });
  const ids = [...new Set(rows.map((e) => e.actorId).filter((x): x is string => !!x))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [
      u.id,
      `${u.name} <${u.email}>`,
    ]),
  );
  const events = rows.slice(0, PAGE).map((e) => ({
    id: e.id,
    at: e.createdAt.toISOString(),
    who: e.actorId ? (names.get(e.actorId) ?? "former user") : "command line",
    action: e.action,
    entity: `${e.entityType} ${e.entityId}`,
    before: e.before,
    after: e.after,
  }));
  return { access, events, next: rows.length > PAGE ? events[events.length - 1]!.at : null };
}
