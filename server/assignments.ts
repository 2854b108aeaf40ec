import "server-only";
import { z } from "zod";
import { getDb, type Tx } from "@/server/db/client";
import { lockProject, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole } from "@/server/access";
import { InvalidError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";

/** A document the acting annotator could be given next, with how many annotators it has. */
export interface Candidate {
  id: string;
  position: number;
  annotators: number;
}

/** What a rule may look at: the claim's transaction (for its own reads), the project, the actor. */
export interface ClaimContext {
  tx: Tx;
  projectId: string;
  actor: Actor;
  overlap: number;
}

/** One rule of who gets which document: it narrows the candidates, or orders them. */
export type AssignmentRule = (candidates: Candidate[], ctx: ClaimContext) => Candidate[] | Promise<Candidate[]>;

/** The rules, in order; the first candidate left is the one claimed. */
const RULES: AssignmentRule[] = [
  // A document needs k annotators (the project's overlap), not more.
  (candidates, { overlap }) => candidates.filter((d) => d.annotators < overlap),
  // The fewest annotators first, so that documents fill up evenly; then corpus order.
  (candidates) => [...candidates].sort((a, b) => a.annotators - b.annotators || a.position - b.position),
];

/** The project's documents the actor has never had, with their number of annotators. */
async function candidates(tx: Tx, projectId: string, actor: Actor): Promise<Candidate[]> {
  const docs = await tx.document.findMany({
    where: { projectId, assignments: { none: { userId: actor.id } } },
    select: { id: true, position: true, _count: { select: { assignments: true } } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return docs.map((d) => ({ id: d.id, position: d.position, annotators: d._count.assignments }));
}

/**
 * The next document that needs the acting annotator: one already assigned to them and not done,
 * else the first candidate the rules leave, which is then assigned to them. Null when nothing
 * needs them. Deciding and assigning is one step per project (lockProject "assignments"): the
 * counts the rules see cannot change before the claim is stored, so two annotators asking at
 * once never take the same last place.
 */
export async function takeNextDocument(actor: Actor, projectRef: string): Promise<{ documentId: string; assigned: boolean } | null> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  return writeTransaction(async (tx) => {
    await lockProject(tx, access.projectId, "assignments");
    const open = await tx.assignment.findFirst({
      where: { userId: actor.id, status: { not: "done" }, document: { projectId: access.projectId } },
      orderBy: [{ document: { position: "asc" } }],
      select: { documentId: true },
    });
    if (open) return { documentId: open.documentId, assigned: false };
    const project = await tx.project.findUniqueOrThrow({ where: { id: access.projectId }, select: { overlap: true } });
    const ctx: ClaimContext = { tx, projectId: access.projectId, actor, overlap: project.overlap };
    let left = await candidates(tx, access.projectId, actor);
    for (const rule of RULES) left = await rule(left, ctx);
    const next = left[0];
    if (!next) return null;
    await tx.assignment.create({ data: { id: newId(), documentId: next.id, userId: actor.id, status: "assigned" } });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "assignment.take",
      entityType: "document",
      entityId: next.id,
      after: { userId: actor.id },
    });
    return { documentId: next.id, assigned: true };
  });
}

const bulkInput = z.object({
  documentIds: z.array(z.string().min(1).max(64)).min(1, { message: "Choose at least one document" }).max(10_000),
  userIds: z.array(z.string().min(1).max(64)).min(1, { message: "Choose at least one annotator" }).max(500),
  assign: z.boolean(),
});

/** Managers assign or unassign documents to annotators, in bulk, in one transaction. */
export async function setAssignments(actor: Actor, projectRef: string, raw: unknown) {
  const { documentIds, userIds, assign } = parseInput(bulkInput, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "assign documents");
  return writeTransaction(async (tx) => {
    await lockProject(tx, access.projectId, "assignments");
    // Only documents of this project and members of this project: anything else is refused whole.
    const docs = await tx.document.count({ where: { id: { in: documentIds }, projectId: access.projectId } });
    const members = await tx.projectMember.count({ where: { userId: { in: userIds }, projectId: access.projectId } });
    if (docs !== new Set(documentIds).size) throw new InvalidError("Some documents are not in this project");
    if (members !== new Set(userIds).size) throw new InvalidError("Some users are not members of this project");
    let changed = 0;
    if (assign) {
      const existing = await tx.assignment.findMany({
        where: { documentId: { in: documentIds }, userId: { in: userIds } },
        select: { documentId: true, userId: true },
      });
      const have = new Set(existing.map((e) => `${e.documentId}:${e.userId}`));
      const rows = documentIds.flatMap((documentId) =>
        userIds
          .filter((userId) => !have.has(`${documentId}:${userId}`))
          .map((userId) => ({ id: newId(), documentId, userId, status: "assigned" })),
      );
      if (rows.length) await tx.assignment.createMany({ data: rows });
      changed = rows.length;
    } else {
      // Work already done is kept: only assignments not started are removed.
      changed = (
        await tx.assignment.deleteMany({ where: { documentId: { in: documentIds }, userId: { in: userIds }, status: "assigned" } })
      ).count;
    }
    await audit(tx, actor, {
      projectId: access.projectId,
      action: assign ? "assignment.assign" : "assignment.unassign",
      entityType: "project",
      entityId: access.projectId,
      after: { documentIds, userIds, changed },
    });
    return { changed };
  });
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Gaps longer than this between two confirmations are breaks, not time spent on a sentence. */
const MAX_GAP_S = 600;

/** The manager's progress dashboard: per annotator, per document, project totals. */
export async function getProgress(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER", "REVIEWER"], "see the team's progress");
  const where = { document: { projectId: access.projectId } };
  const [members, documents, assignments, confirmations, lastLabel] = await Promise.all([
    db.projectMember.findMany({
      where: { projectId: access.projectId },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.document.findMany({
      where: { projectId: access.projectId },
      select: { id: true, title: true, position: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    }),
    db.assignment.findMany({ where, select: { documentId: true, userId: true, status: true } }),
    db.segmentStatus.findMany({
      where: { confirmedAt: { not: null }, segment: { isBoilerplate: false, document: { projectId: access.projectId } } },
      select: { userId: true, documentId: true, confirmedAt: true },
      orderBy: [{ userId: "asc" }, { confirmedAt: "asc" }],
    }),
    db.annotation.groupBy({ by: ["userId"], where: { projectId: access.projectId }, _max: { updatedAt: true } }),
  ]);
  const lastActive = new Map(lastLabel.map((l) => [l.userId, l._max.updatedAt]));
  const perUser = new Map<string, { sentences: number; gaps: number[]; last: Date | null }>();
  let prev: { userId: string; documentId: string; at: number } | null = null;
  for (const c of confirmations) {
    const at = c.confirmedAt!.getTime();
    const u = perUser.get(c.userId) ?? { sentences: 0, gaps: [], last: null };
    u.sentences++;
    if (prev && prev.userId === c.userId && prev.documentId === c.documentId && (at - prev.at) / 1000 <= MAX_GAP_S)
      u.gaps.push((at - prev.at) / 1000);
    u.last = c.confirmedAt;
    perUser.set(c.userId, u);
    prev = { userId: c.userId, documentId: c.documentId, at };
  }
  const annotators = members.map((m) => {
    const u = perUser.get(m.user.id);
    const mine = assignments.filter((a) => a.userId === m.user.id);
    const last = [u?.last, lastActive.get(m.user.id)].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    return {
      ...m.user,
      // E-mail addresses are for managers; reviewers see names.
      email: access.role === "MANAGER" ? m.user.email : null,
      role: m.role,
      documentsDone: mine.filter((a) => a.status === "done").length,
      documentsAssigned: mine.length,
      sentencesLabelled: u?.sentences ?? 0,
      medianSecondsPerSentence: u ? median(u.gaps) : null,
      lastActive: last?.toISOString() ?? null,
    };
  });
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const docs = documents.map((d) => {
    const as = assignments.filter((a) => a.documentId === d.id);
    const status = as.length === 0 ? "not_started" : as.every((a) => a.status === "done") ? "done" : "in_progress";
    return {
      id: d.id,
      title: d.title,
      status,
      annotators: as.map((a) => ({ name: names.get(a.userId) ?? "former member", status: a.status })),
    };
  });
  const totals = {
    done: docs.filter((d) => d.status === "done").length,
    inProgress: docs.filter((d) => d.status === "in_progress").length,
    notStarted: docs.filter((d) => d.status === "not_started").length,
  };
  return { access, annotators, documents: docs, totals };
}
