import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { parseInput } from "@/server/parse-input";
import { projectSchema } from "@/server/label-schema";
import { actionWords, changeLines, entityWords, type AuditEntityContext } from "@/lib/audit/describe";

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
  const page = rows.slice(0, PAGE);
  const context = await entityContext(db, access.projectId, page);
  const events = page.map((e) => ({
    id: e.id,
    at: e.createdAt.toISOString(),
    who: e.actorId ? (names.get(e.actorId) ?? "former user") : "command line",
    action: e.action,
    actionWords: actionWords(e.action),
    what: entityWords(e, context),
    changes: changeLines(e.before, e.after),
  }));
  return { access, events, next: rows.length > PAGE ? events[events.length - 1]!.at : null };
}

/**
 * What the page's events refer to, read in a handful of queries: the sentences (document and
 * number) of label, gold and sentence events, the documents' titles, the members' names, and the
 * current schema's dimension labels and target names (an id the project no longer has stays an id).
 */
async function entityContext(db: Db, projectId: string, events: { entityType: string; entityId: string }[]): Promise<AuditEntityContext> {
  const segmentIds = new Set<string>();
  const documentIds = new Set<string>();
  const memberIds = new Set<string>();
  for (const e of events) {
    if (e.entityType === "annotation" || e.entityType === "gold") segmentIds.add(e.entityId.split(":")[0]!);
    else if (e.entityType === "segment") segmentIds.add(e.entityId);
    else if (e.entityType === "document") documentIds.add(e.entityId);
    else if (e.entityType === "member") memberIds.add(e.entityId);
  }
  const [segments, project, members] = await Promise.all([
    db.segment.findMany({
      where: { id: { in: [...segmentIds] }, document: { projectId } },
      select: { id: true, documentId: true, index: true },
    }),
    db.project.findUniqueOrThrow({
      where: { id: projectId },
      select: { id: true, schemaVersion: true, labelSchema: true, targets: { select: { key: true, name: true } } },
    }),
    db.projectMember.findMany({
      where: { id: { in: [...memberIds] }, projectId },
      select: { id: true, user: { select: { name: true, email: true } } },
    }),
  ]);
  for (const s of segments) documentIds.add(s.documentId);
  const documents = await db.document.findMany({ where: { id: { in: [...documentIds] }, projectId }, select: { id: true, title: true } });
  return {
    documents: new Map(documents.map((d) => [d.id, d.title])),
    segments: new Map(segments.map((s) => [s.id, { documentId: s.documentId, index: s.index }])),
    dimensions: new Map(projectSchema(project).dimensions.map((d) => [d.id, d.label])),
    targets: new Map(project.targets.map((t) => [t.key, t.name])),
    members: new Map(members.map((m) => [m.id, `${m.user.name} <${m.user.email}>`])),
  };
}
