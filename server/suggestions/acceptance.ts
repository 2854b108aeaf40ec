import "server-only";
/**
 * Acceptance rates of the machine's suggestions (lib/suggest/acceptance.ts) for one project: the
 * one reader behind the managers' page and the dataset package, so they cannot differ.
 */
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { projectSchema } from "@/server/label-schema";
import { acceptanceRates, type AcceptanceRates } from "@/lib/suggest/acceptance";
import { loadSuggestions } from "./sets";

/** The rates from the stored rows of a project whose access was checked by the caller. */
export async function projectAcceptanceRates(db: Db | Tx, projectId: string): Promise<AcceptanceRates> {
  const [suggestions, labels, confirmations] = await Promise.all([
    loadSuggestions(db, { projectId }),
    db.annotation.findMany({
      where: { projectId },
      select: { userId: true, segmentId: true, dimension: true, target: true, value: true, suggestionId: true },
    }),
    db.segmentStatus.findMany({
      where: { confirmedAt: { not: null }, segment: { document: { projectId } } },
      select: { userId: true, segmentId: true },
    }),
  ]);
  return acceptanceRates(suggestions, labels, confirmations);
}

/** Per rule and per dimension: accepted unchanged, overridden, rejected, matched. Managers only. */
export async function suggestionAcceptance(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "see how suggestions are accepted");
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.projectId },
    select: { id: true, slug: true, name: true, labelSchema: true, schemaVersion: true, suggestionsOffAt: true },
  });
  const dimensionLabels = Object.fromEntries(projectSchema(project).dimensions.map((d) => [d.id, d.label]));
  return {
    access,
    project: { slug: project.slug, name: project.name, suggestionsEnabled: project.suggestionsOffAt === null, dimensionLabels },
    rates: await projectAcceptanceRates(db, access.projectId),
  };
}
