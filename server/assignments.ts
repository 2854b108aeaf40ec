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
import { readOutletNames } from "@/server/outlets";
import {
  chooseDocument,
  describeRuleNote,
  outletKey,
  ruleNotesSchema,
  STORY_RULES,
  type Candidate,
  type RuleContext,
} from "@/lib/assignment/rules";
import { REAL_DOCUMENT } from "@/server/training/exclusion";
import { requireQualified } from "@/server/training/qualification";

/**
 * What the rules (lib/assignment/rules) see for the acting annotator, read inside the claim's lock:
 * the documents they never had with their number of annotators, what they had per outlet and
 * story, and the project's outlets and story setting.
 */
async function ruleInputs(tx: Tx, projectId: string, actor: Actor): Promise<{ candidates: Candidate[]; ctx: RuleContext }> {
  const [project, docs, had, outlets, names] = await Promise.all([
    tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { overlap: true, storyAssignment: true } }),
    tx.document.findMany({
      where: { projectId, ...REAL_DOCUMENT, assignments: { none: { userId: actor.id } } },
      select: { id: true, position: true, outlet: true, story: true, _count: { select: { assignments: true } } },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    }),
    tx.document.findMany({ where: { projectId, assignments: { some: { userId: actor.id } } }, select: { outlet: true, story: true } }),
    tx.document.groupBy({ by: ["outlet"], where: { projectId, ...REAL_DOCUMENT } }),
    readOutletNames(tx, projectId),
  ]);
  // An outlet's aliases are that outlet ("TRTWorld" is "TRT World"): balance by the resolved name.
  const outletOf = (outlet: string | null) => names.resolve(outlet);
  const perOutlet = new Map<string, number>();
  for (const d of had) {
    const key = outletKey(outletOf(d.outlet));
    perOutlet.set(key, (perOutlet.get(key) ?? 0) + 1);
  }
  const storyRule = STORY_RULES.find((r) => r === project.storyAssignment) ?? null;
  return {
    candidates: docs.map((d) => ({
      id: d.id,
      position: d.position,
      outlet: outletOf(d.outlet),
      story: d.story,
      annotators: d._count.assignments,
    })),
    ctx: {
      overlap: project.overlap,
      storyRule,
      history: { outlets: perOutlet, stories: new Set(had.flatMap((d) => (d.story === null ? [] : [d.story]))) },
      projectOutlets: outlets.map((o) => outletOf(o.outlet)),
    },
  };
}

/**
 * The next document that needs the acting annotator: one already assigned to them and not done,
 * else the one the rules choose (lib/assignment/rules: overlap k, stories, outlet balance), which
 * is then assigned to them with the notes of any preference that gave way. Null when nothing
 * needs them. Deciding and assigning is one step per project (lockProject "assignments"): the
 * counts the rules see cannot change before the claim is stored, so two annotators asking at
 * once never take the same last place, and one annotator in two tabs never gets two versions of
 * a story against the independence setting.
 */
export async function takeNextDocument(actor: Actor, projectRef: string): Promise<{ documentId: string; assigned: boolean } | null> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  return writeTransaction(async (tx) => {
    await lockProject(tx, access.projectId, "assignments");
    await requireQualified(tx, access, actor.id);
    const open = await tx.assignment.findFirst({
      where: { userId: actor.id, status: { not: "done" }, document: { projectId: access.projectId } },
      orderBy: [{ document: { position: "asc" } }],
      select: { documentId: true },
    });
    if (open) return { documentId: open.documentId, assigned: false };
    const { candidates, ctx } = await ruleInputs(tx, access.projectId, actor);
    const choice = chooseDocument(candidates, ctx);
    if (!choice) return null;
    const next = choice.document;
    const ruleNotes = choice.notes.length ? choice.notes : undefined;
    await tx.assignment.create({ data: { id: newId(), documentId: next.id, userId: actor.id, status: "assigned", ruleNotes } });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "assignment.take",
      entityType: "document",
      entityId: next.id,
      after: { userId: actor.id, ...(ruleNotes ? { ruleNotes } : {}) },
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
    const docs = await tx.document.count({ where: { id: { in: documentIds }, projectId: access.projectId, ...REAL_DOCUMENT } });
    const members = await tx.projectMember.count({ where: { userId: { in: userIds }, projectId: access.projectId } });
    if (docs !== new Set(documentIds).size) throw new InvalidError("Some documents are not in this project or are training material");
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
      where: { projectId: access.projectId, ...REAL_DOCUMENT },
      select: { id: true, title: true, position: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    }),
    db.assignment.findMany({ where, select: { documentId: true, userId: true, status: true, ruleNotes: true, createdAt: true } }),
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
  // Claims where a preference of "Next document" gave way, newest first, each said in a sentence.
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  const ruleNotes = assignments
    .filter((a) => a.ruleNotes !== null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .flatMap((a) => {
      const parsed = ruleNotesSchema.safeParse(a.ruleNotes);
      const name = names.get(a.userId) ?? "former member";
      return (parsed.success ? parsed.data : []).map((note) => ({
        document: titles.get(a.documentId) ?? "",
        at: a.createdAt.toISOString(),
        text: describeRuleNote(name, note),
      }));
    });
  const totals = {
    done: docs.filter((d) => d.status === "done").length,
    inProgress: docs.filter((d) => d.status === "in_progress").length,
    notStarted: docs.filter((d) => d.status === "not_started").length,
  };
  return { access, annotators, documents: docs, totals, ruleNotes };
}
