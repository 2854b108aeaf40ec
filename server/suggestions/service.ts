import "server-only";
/**
 * Suggestions as members see them: managers request them for existing documents and see each
 * provider's runs (with their errors); every member reads a document's suggestions in the workspace.
 */
import { z } from "zod";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { getDb } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import { NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { maskedValue, outletBlinding } from "@/server/outlets";
import { projectSchema } from "@/server/label-schema";
import { getDimension } from "@/lib/schema/helpers";
import { kickSuggestions, queueSuggestionRuns, type RunStatus } from "./jobs";
import { loadSuggestions, type SuggestionRecord } from "./sets";

export const requestSuggestionsInput = z
  .object({
    /** Documents of the project; all of them when absent. */
    documentIds: z.array(z.string().min(1).max(100)).min(1).max(10_000).optional(),
  })
  .strict();

/** Queues the enabled providers for the project's documents (or some of them). Managers only. */
export async function requestSuggestions(actor: Actor, projectRef: string, raw: unknown): Promise<{ queued: number }> {
  const input = parseInput(requestSuggestionsInput, raw ?? {});
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "request suggestions");
  const docs = await db.document.findMany({
    where: { projectId: access.projectId, ...(input.documentIds ? { id: { in: input.documentIds } } : {}) },
    select: { id: true },
  });
  if (input.documentIds && docs.length !== new Set(input.documentIds).size) {
    const found = new Set(docs.map((d) => d.id));
    throw new NotFoundError(`Document ${input.documentIds.find((id) => !found.has(id))} not found in this project`);
  }
  await writeTransaction((tx) =>
    queueSuggestionRuns(
      tx,
      access.projectId,
      docs.map((d) => d.id),
    ),
  );
  kickSuggestions();
  return { queued: docs.length };
}

export interface SuggestionRunSummary {
  provider: string;
  counts: Record<RunStatus, number>;
  /** The most recent failures and rejections, for managers to act on. */
  errors: { documentId: string; title: string; status: RunStatus; error: string; at: string }[];
}

/** Per provider: how many documents' runs are queued, running, done, failed, and the latest errors. Managers only. */
export async function suggestionRuns(actor: Actor, projectRef: string): Promise<SuggestionRunSummary[]> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "see suggestion runs");
  const groups = await db.suggestionRun.groupBy({ by: ["provider", "status"], where: { projectId: access.projectId }, _count: true });
  const errors = await db.suggestionRun.findMany({
    where: { projectId: access.projectId, error: { not: null } },
    orderBy: { updatedAt: "desc" },
    take: 20,
    select: { provider: true, documentId: true, status: true, error: true, updatedAt: true, document: { select: { title: true } } },
  });
  const byProvider = new Map<string, SuggestionRunSummary>();
  const entry = (provider: string) => {
    let e = byProvider.get(provider);
    if (!e) byProvider.set(provider, (e = { provider, counts: { queued: 0, running: 0, done: 0, failed: 0 }, errors: [] }));
    return e;
  };
  for (const g of groups) entry(g.provider).counts[g.status as RunStatus] = g._count;
  for (const r of errors) {
    entry(r.provider).errors.push({
      documentId: r.documentId,
      title: r.document.title,
      status: r.status as RunStatus,
      error: r.error!,
      at: r.updatedAt.toISOString(),
    });
  }
  return [...byProvider.values()];
}

/** A suggestion as members see it (the workspace's ghost values). */
export type SuggestionView = SuggestionRecord;

/** A document's suggestions, for any member (blind projects too: they are the machine's, not a colleague's). */
export async function documentSuggestions(actor: Actor, projectRef: string, documentId: string): Promise<SuggestionView[]> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  const doc = await db.document.findFirst({
    where: { id: documentId, projectId: access.projectId },
    select: { id: true, outlet: true, author: true, project: { select: { labelSchema: true, schemaVersion: true, id: true } } },
  });
  if (!doc) throw new NotFoundError("Document not found");
  // None while the project has suggestions off: an unaided study shows them nowhere.
  const rows = await loadSuggestions(db, { documentId, project: { suggestionsOffAt: null } });
  // Outlet-blind annotators: names in suggested free text masked (offsets stay the stored ones).
  const masker = (await outletBlinding(db, access))?.masker(doc);
  if (!masker) return rows;
  const schema = projectSchema(doc.project);
  return rows.map((r) => ({ ...r, value: maskedValue(getDimension(schema, r.dimension)?.kind, r.value, masker, []) }));
}
