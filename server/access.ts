import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Db, Tx } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { ForbiddenError, NotFoundError } from "@/server/errors";

export type ProjectRoleName = "MANAGER" | "REVIEWER" | "ANNOTATOR";

export interface ProjectAccess {
  projectId: string;
  slug: string;
  /** The member's role; a site admin who is not a member acts as MANAGER. */
  role: ProjectRoleName;
  viaAdmin: boolean;
}

/** Prisma `where` for projects the actor may see: the check lives in the query itself. */
export function visibleProjectsWhere(actor: Actor) {
  return actor.isAdmin ? {} : { members: { some: { userId: actor.id } } };
}

/**
 * The same rule for a raw query, as a condition to append to its WHERE (` AND …`, or nothing for
 * a site admin); `projectId` is the quoted column holding the project's id. Keep it in step with
 * visibleProjectsWhere.
 */
export function visibleProjectSql(actor: Actor, projectId: Prisma.Sql): Prisma.Sql {
  if (actor.isAdmin) return Prisma.empty;
  return Prisma.sql` AND EXISTS (SELECT 1 FROM "ProjectMember" m WHERE m."projectId" = ${projectId} AND m."userId" = ${actor.id})`;
}

/**
 * The actor's access to a project given by id or slug. A project the actor may not see is
 * "not found", exactly like one that does not exist.
 */
export async function projectAccess(db: Db | Tx, actor: Actor, projectRef: string): Promise<ProjectAccess> {
  const project = await db.project.findFirst({
    where: { AND: [{ OR: [{ id: projectRef }, { slug: projectRef }] }, visibleProjectsWhere(actor)] },
    select: { id: true, slug: true, members: { where: { userId: actor.id }, select: { role: true } } },
  });
  if (!project) throw new NotFoundError("Project not found");
  const member = project.members[0];
  if (member) return { projectId: project.id, slug: project.slug, role: member.role, viaAdmin: false };
  return { projectId: project.id, slug: project.slug, role: "MANAGER", viaAdmin: true };
}

export function requireRole(access: ProjectAccess, roles: ProjectRoleName[], what = "do this") {
  if (!roles.includes(access.role))
    throw new ForbiddenError(`Your role in this project (${access.role.toLowerCase()}) does not allow you to ${what}`);
}
