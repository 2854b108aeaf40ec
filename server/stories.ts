import "server-only";
import { getDb } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole, visibleProjectsWhere } from "@/server/access";
import { ConflictError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { documentUpdateInput, setStoryInput, type DocumentUpdateInput, type SetStoryInput } from "@/lib/validation/stories";

/**
 * Stories: a story is a set of documents about one event, named by the project's managers (import
 * column `story`, the API, or "Set story" on the documents list). Reports compare the outlets of
 * one story (lib/reports). One write path for all three: setDocumentsStory.
 */

export interface StoryChange {
  story: string | null;
  /** Documents whose story changed (those that already had it are left as they were). */
  changed: number;
  unchanged: number;
}

/**
 * Sets (or, with null, clears) the story of documents of one project (managers). A document id
 * that is not in the project is "not found" and nothing is changed. One audit event per changed
 * document, with its story before and after.
 */
export async function setDocumentsStory(
  actor: Actor,
  projectRef: string,
  raw: SetStoryInput,
  /** Refuse (ConflictError) when a document has a story already: accepting a proposal made for documents without one. */
  { onlyWithoutStory = false } = {},
): Promise<StoryChange> {
  const input = parseInput(setStoryInput, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "set the story of documents");
  return writeTransaction(async (tx) => {
    const docs = await tx.document.findMany({
      where: { projectId: access.projectId, id: { in: input.documentIds } },
      select: { id: true, story: true },
    });
    if (docs.length !== input.documentIds.length) {
      const missing = input.documentIds.length - docs.length;
      throw new NotFoundError(
        missing === 1 ? "One of the documents is not in this project" : `${missing} of the documents are not in this project`,
      );
    }
    const taken = onlyWithoutStory ? docs.filter((d) => d.story !== null) : [];
    if (taken.length)
      throw new ConflictError(
        `${taken.length === 1 ? "One of the documents has" : `${taken.length} of the documents have`} a story already (“${taken[0]!.story}”); reload the page for the current proposals`,
      );
    const toChange = docs.filter((d) => d.story !== input.story);
    if (toChange.length) {
      await tx.document.updateMany({ where: { id: { in: toChange.map((d) => d.id) } }, data: { story: input.story } });
      for (const d of toChange) {
        await audit(tx, actor, {
          projectId: access.projectId,
          action: "document.story",
          entityType: "document",
          entityId: d.id,
          before: { story: d.story },
          after: { story: input.story },
        });
      }
    }
    return { story: input.story, changed: toChange.length, unchanged: docs.length - toChange.length };
  });
}

/** PATCH /api/v1/documents/{id}: the document's project is found through the actor's access (others: not found). */
export async function updateDocument(actor: Actor, documentId: string, raw: DocumentUpdateInput) {
  const input = parseInput(documentUpdateInput, raw);
  const db = await getDb();
  const doc = await db.document.findFirst({ where: { id: documentId, project: visibleProjectsWhere(actor) }, select: { projectId: true } });
  if (!doc) throw new NotFoundError("Document not found");
  await setDocumentsStory(actor, doc.projectId, { documentIds: [documentId], story: input.story });
  return { id: documentId, story: input.story };
}

/** The project's story names with their number of documents, by name (members). */
export async function listStories(actor: Actor, projectRef: string): Promise<{ story: string; documents: number }[]> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  const rows = await db.document.groupBy({
    by: ["story"],
    where: { projectId: access.projectId, story: { not: null } },
    _count: { _all: true },
    orderBy: { story: "asc" },
  });
  return rows.map((r) => ({ story: r.story!, documents: r._count._all }));
}
