import "server-only";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole, visibleProjectsWhere } from "@/server/access";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { newId, slugify } from "@/lib/ids";
import { addMemberInput, createProjectInput, type CreateProjectInput } from "@/lib/validation/projects";
import { describeZodError } from "@/lib/validation/users";
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

/** Site admins create projects, and so does anyone who manages a project already. */
async function mayCreateProjects(actor: Actor) {
  if (actor.isAdmin) return true;
  const db = await getDb();
  return (await db.projectMember.count({ where: { userId: actor.id, role: "MANAGER" } })) > 0;
}

export async function createProject(actor: Actor, input: CreateProjectInput) {
  const parsed = createProjectInput.safeParse(input);
  if (!parsed.success) throw new InvalidError(describeZodError(parsed.error));
  const data = parsed.data;
  if (!(await mayCreateProjects(actor))) throw new ForbiddenError("Only site admins and project managers can create projects");
  const template = TEMPLATES[data.template];
  if (!template) throw new InvalidError(`template: unknown template "${data.template}" (available: ${Object.keys(TEMPLATES).join(", ")})`);
  const slug = data.slug ?? slugify(data.name);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (await tx.project.findUnique({ where: { slug }, select: { id: true } })) {
      throw new ConflictError(`slug: a project with the slug "${slug}" already exists`);
    }
    const id = newId();
    const keys = new Set<string>();
    const project = await tx.project.create({
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
    });
    await audit(tx, actor, { projectId: id, action: "project.create", entityType: "project", entityId: id, after: { name: data.name, slug, targets: data.targets } });
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
  return { access, project };
}

export async function addMember(actor: Actor, projectRef: string, input: { email: string; role: string }) {
  const parsed = addMemberInput.safeParse(input);
  if (!parsed.success) throw new InvalidError(describeZodError(parsed.error));
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "change members");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
    if (!user) throw new NotFoundError(`No user with the email ${parsed.data.email}; an admin can create the account first`);
    const existing = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId: access.projectId, userId: user.id } } });
    const member = existing
      ? await tx.projectMember.update({ where: { id: existing.id }, data: { role: parsed.data.role } })
      : await tx.projectMember.create({ data: { id: newId(), projectId: access.projectId, userId: user.id, role: parsed.data.role } });
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
