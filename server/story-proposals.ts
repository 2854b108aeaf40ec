import "server-only";
import { getDb } from "@/server/db/client";
import { uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole } from "@/server/access";
import { NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { setDocumentsStory, type StoryChange } from "@/server/stories";
import { newId } from "@/lib/ids";
import { pairKey, pairsOf, proposeStories } from "@/lib/stories/similarity";
import { acceptProposalInput, dismissProposalInput, type AcceptProposalInput, type DismissProposalInput } from "@/lib/validation/stories";

/**
 * Story proposals (lib/stories/similarity): groups of the project's documents without a story
 * whose title and lead are alike, for a manager to accept (the group gets a story, one
 * transaction) or dismiss (its pairs are remembered and never proposed again). Managers only.
 */

export interface StoryProposalView {
  documents: { id: string; title: string; outlet: string | null }[];
  similarity: number;
  /** A story name to start from: the group's weightiest words. */
  name: string;
}

export async function getStoryProposals(actor: Actor, projectRef: string): Promise<StoryProposalView[]> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "see story proposals");
  const [docs, dismissals] = await Promise.all([
    db.document.findMany({
      where: { projectId: access.projectId, story: null },
      select: { id: true, title: true, outlet: true, text: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    }),
    db.storyPairDismissal.findMany({ where: { projectId: access.projectId }, select: { documentAId: true, documentBId: true } }),
  ]);
  const dismissed = new Set(dismissals.map((d) => pairKey(d.documentAId, d.documentBId)));
  const byId = new Map(docs.map((d) => [d.id, d]));
  return proposeStories(docs, dismissed).map((p) => ({
    documents: p.documentIds.map((id) => {
      const d = byId.get(id)!;
      return { id, title: d.title, outlet: d.outlet };
    }),
    similarity: p.similarity,
    name: p.keywords.map((k) => k[0]!.toUpperCase() + k.slice(1)).join(" "),
  }));
}

/** Accept: the proposal's documents get the story, all or none (any that has a story by now: 409). */
export async function acceptStoryProposal(actor: Actor, projectRef: string, raw: AcceptProposalInput): Promise<StoryChange> {
  const input = parseInput(acceptProposalInput, raw);
  return setDocumentsStory(actor, projectRef, input, { onlyWithoutStory: true });
}

/** Dismiss: every pair of the proposal's documents is remembered as "not one story". */
export async function dismissStoryProposal(actor: Actor, projectRef: string, raw: DismissProposalInput): Promise<{ pairs: number }> {
  const { documentIds } = parseInput(dismissProposalInput, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "dismiss story proposals");
  return writeTransaction(async (tx) => {
    const found = await tx.document.count({ where: { projectId: access.projectId, id: { in: documentIds } } });
    if (found !== documentIds.length) throw new NotFoundError("Some of the documents are not in this project");
    const pairs = pairsOf(documentIds);
    const existing = await tx.storyPairDismissal.findMany({
      where: { documentAId: { in: documentIds }, documentBId: { in: documentIds } },
      select: { documentAId: true, documentBId: true },
    });
    const have = new Set(existing.map((e) => pairKey(e.documentAId, e.documentBId)));
    const rows = pairs
      .filter(([a, b]) => !have.has(pairKey(a, b)))
      .map(([documentAId, documentBId]) => ({ id: newId(), projectId: access.projectId, documentAId, documentBId }));
    // Two managers dismissing the same proposal at once: the later one runs again and finds the pairs stored.
    if (rows.length) await uniqueOrRetry(tx.storyPairDismissal.createMany({ data: rows }));
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "story.dismiss",
      entityType: "project",
      entityId: access.projectId,
      after: { documentIds, pairs: rows.length },
    });
    return { pairs: rows.length };
  });
}
