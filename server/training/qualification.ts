import "server-only";
import type { ProjectAccess } from "@/server/access";
import type { Db, Tx } from "@/server/db/client";
import { ForbiddenError } from "@/server/errors";

/**
 * Whether the project's qualification rule still holds this member back from real documents: it
 * is on, they annotate (managers and reviewers never qualify), no manager exempted them and none
 * of their attempts passed.
 */
export async function needsQualification(db: Db | Tx, access: ProjectAccess, userId: string): Promise<boolean> {
  if (access.role !== "ANNOTATOR") return false;
  const rule = await db.trainingRule.findUnique({
    where: { projectId: access.projectId },
    select: {
      enabledAt: true,
      project: {
        select: {
          trainingExemptions: { where: { userId }, select: { id: true } },
          trainingAttempts: { where: { userId, passed: true }, select: { id: true }, take: 1 },
        },
      },
    },
  });
  if (!rule?.enabledAt) return false;
  return rule.project.trainingExemptions.length === 0 && rule.project.trainingAttempts.length === 0;
}

export const QUALIFY_FIRST = "Pass the project's training set first: its Training page has your attempts";

/** Refuses real documents to a member who must qualify first (403 with where to go). */
export async function requireQualified(db: Db | Tx, access: ProjectAccess, userId: string): Promise<void> {
  if (await needsQualification(db, access, userId)) throw new ForbiddenError(QUALIFY_FIRST);
}
