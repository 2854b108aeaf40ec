import "server-only";
import { getDb, type Tx } from "@/server/db/client";
import { lockProject, uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole, visibleProjectsWhere } from "@/server/access";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId, slugify } from "@/lib/ids";
import {
  addMemberInput,
  createProjectInput,
  memberRoleInput,
  removeMemberInput,
  type CreateProjectInput,
  type MemberRoleInput,
  type RemoveMemberInput,
} from "@/lib/validation/projects";
import { TEMPLATES } from "@/lib/schema/templates";

/** A stable key for a target name ("Armenia" → "armenia"): labels refer to targets by key. */
export function targetKey(name: string, taken: Set<string>): string {
  const base = slugify(name).replace(/-/g, "_") || "target";
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  taken.add(key);
  return key;
}

export async function listProjects(actor: Actor) {
  const db = await getDb();
  const projects = await db.project.findMany({
    where: visibleProjectsWhere(actor),
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      createdAt: true,
      members: { where: { userId: actor.id }, select: { role: true } },
      _count: { select: { documents: true, members: true } },
    },
  });
  return projects.map(({ members, _count, ...p }) => ({
    ...p,
    role: members[0]?.role ?? ("MANAGER" as const),
    documentCount: _count.documents,
    memberCount: _count.members,
  }));
}

/** Path segments under /projects that are pages of their own, so no project may take them as its slug. */
const RESERVED_SLUGS = new Set(["new"]);

/** Site admins create projects, and so does anyone who manages a project already. */
export async function mayCreateProjects(actor: Actor) {
  if (actor.isAdmin) return true;
  const db = await getDb();
  return (await db.projectMember.count({ where: { userId: actor.id, role: "MANAGER" } })) > 0;
}

export async function createProject(actor: Actor, input: CreateProjectInput) {
  const data = parseInput(createProjectInput, input);
  if (!(await mayCreateProjects(actor))) throw new ForbiddenError("Only site admins and project managers can create projects");
  const template = TEMPLATES[data.template];
  if (!template) throw new InvalidError(`template: unknown template "${data.template}" (available: ${Object.keys(TEMPLATES).join(", ")})`);
  if (data.slug && RESERVED_SLUGS.has(data.slug)) throw new InvalidError(`slug: "${data.slug}" is reserved; choose another slug`);
  return writeTransaction(async (tx) => {
    let slug: string;
    if (data.slug) {
      slug = data.slug;
      if (await tx.project.findUnique({ where: { slug }, select: { id: true } })) {
        throw new ConflictError(`slug: a project with the slug "${slug}" already exists`);
      }
    } else {
      // A slug derived from the name gets a number when the name's slug is taken ("election-2026-2").
      const base = slugify(data.name);
      const taken = new Set(
        (await tx.project.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug),
      );
      for (const s of RESERVED_SLUGS) taken.add(s);
      slug = base;
      for (let i = 2; taken.has(slug); i++) slug = `${base.slice(0, 55)}-${i}`;
    }
    const id = newId();
    const keys = new Set<string>();
    // Two projects created at once with the same slug: the later one runs again and sees it taken.
    const project = await uniqueOrRetry(
      tx.project.create({
        data: {
          id,
          slug,
          name: data.name,
          description: data.description,
          guidelines: data.guidelines,
          labelSchema: template.build() as never,
          targets: { create: data.targets.map((name, position) => ({ id: newId(), key: targetKey(name, keys), name, position })) },
          members: actor.system ? undefined : { create: { id: newId(), userId: actor.id, role: "MANAGER" } },
        },
      }),
    );
    await audit(tx, actor, {
      projectId: id,
      action: "project.create",
      entityType: "project",
      entityId: id,
      after: { name: data.name, slug, targets: data.targets },
    });
    return project;
  });
}

export async function getProjectOverview(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.projectId },
    include: {
      targets: { orderBy: { position: "asc" } },
      members: { include: { user: { select: { id: true, email: true, name: true, disabled: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  // Members' e-mail addresses are for managers (who add and remove members); others see names.
  const members = project.members.map((m) => ({ ...m, user: { ...m.user, email: access.role === "MANAGER" ? m.user.email : null } }));
  return { access, project: { ...project, members } };
}

/** Adds a user (by email) to the project, or changes their role if they are a member already. */
export async function addMember(actor: Actor, projectRef: string, input: { email: string; role: string }) {
  const { email, role } = parseInput(addMemberInput, input);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "change members");
  return writeTransaction(async (tx) => {
    await lockProject(tx, access.projectId, "structure");
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError(`No user with the email ${email}; an admin can create the account first`);
    const existing = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId: access.projectId, userId: user.id } } });
    if (existing && existing.role !== role) await keepAManager(tx, access.projectId, existing, user.email, "change their role");
    const member = existing
      ? await tx.projectMember.update({ where: { id: existing.id }, data: { role } })
      : await tx.projectMember.create({ data: { id: newId(), projectId: access.projectId, userId: user.id, role } });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: existing ? "member.role" : "member.add",
      entityType: "member",
      entityId: member.id,
      before: existing ? { role: existing.role } : undefined,
      after: { userId: user.id, role: member.role },
    });
    return member;
  });
}

/** Refuses to demote or remove the project's only manager. */
async function keepAManager(tx: Tx, projectId: string, member: { role: string }, email: string, change: string) {
  if (member.role !== "MANAGER") return;
  const managers = await tx.projectMember.count({ where: { projectId, role: "MANAGER" } });
  if (managers <= 1) {
    throw new ConflictError(`${email} is the only manager of this project; make another member a manager before you ${change}`);
  }
}

async function memberForChange(tx: Tx, projectId: string, userId: string) {
  const member = await tx.projectMember.findUnique({
    where: { projectId_userId: { projectId, userId } },
    include: { user: { select: { email: true } } },
  });
  if (!member) throw new NotFoundError("That user is not a member of this project");
  return member;
}

export async function changeMemberRole(actor: Actor, projectRef: string, input: MemberRoleInput) {
  const { userId, role } = parseInput(memberRoleInput, input);
  return writeTransaction(async (tx) => {
    const access = await projectAccess(tx, actor, projectRef);
    requireRole(access, ["MANAGER"], "change members");
    await lockProject(tx, access.projectId, "structure");
    const member = await memberForChange(tx, access.projectId, userId);
    if (member.role === role) return { userId, email: member.user.email, role, changed: false };
    await keepAManager(tx, access.projectId, member, member.user.email, "change their role");
    await tx.projectMember.update({ where: { id: member.id }, data: { role } });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "member.role",
      entityType: "member",
      entityId: member.id,
      before: { userId, role: member.role },
      after: { userId, role },
    });
    return { userId, email: member.user.email, role, changed: true };
  });
}

/** Removes a member. Their labels stay in the project (the data they produced is not lost). */
export async function removeMember(actor: Actor, projectRef: string, input: RemoveMemberInput) {
  const { userId } = parseInput(removeMemberInput, input);
  return writeTransaction(async (tx) => {
    const access = await projectAccess(tx, actor, projectRef);
    requireRole(access, ["MANAGER"], "change members");
    await lockProject(tx, access.projectId, "structure");
    const member = await memberForChange(tx, access.projectId, userId);
    await keepAManager(tx, access.projectId, member, member.user.email, "remove them");
    await tx.projectMember.delete({ where: { id: member.id } });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "member.remove",
      entityType: "member",
      entityId: member.id,
      before: { userId: member.userId, role: member.role },
    });
    return { userId: member.userId, email: member.user.email };
  });
}
