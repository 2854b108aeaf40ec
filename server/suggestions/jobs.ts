import "server-only";
/**
 * Suggestion jobs: one SuggestionRun row per document and provider is both the job and its record.
 *
 * queued → running → done | failed. Any process may run any job: a job is claimed by a conditional
 * UPDATE (status and claim time as read), so on PostgreSQL with several instances exactly one
 * UPDATE changes the row (the other, re-evaluated after the first commits, matches nothing), and on
 * SQLite writes are serialised anyway. Results are stored only while the claim still holds: a schema
 * edit, target change or split/merge that made them stale re-queued the run in its own transaction,
 * so the late results are discarded and the run computed again.
 */
import { newId } from "@/lib/ids";
import { checkReply, type CheckedSuggestion } from "@/lib/suggest/protocol";
import type { SegmentKind } from "@/lib/segment/kinds";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import { projectSchemaAt } from "@/server/label-schema";
import type { SuggestionProvider, SuggestionRequest } from "./provider";
import { enabledProviders } from "./providers";

/** How long a provider may take for one document, unless it says (SUGGEST_PROVIDER_TIMEOUT_MS for the configured ones). */
export const PROVIDER_TIMEOUT_MS = 60_000;
/** A running job not finished this long after its claim is taken to be lost (its process died). */
const LOST_AFTER_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 500;

export type RunStatus = "queued" | "running" | "done" | "failed";

/**
 * In the caller's transaction: a queued run per document and provider (an existing run is queued
 * again). `newDocuments`: documents just inserted in this transaction, which have no run yet.
 */
export async function queueSuggestionRuns(
  tx: Tx | Db,
  projectId: string,
  documentIds: readonly string[],
  opts: { providers?: readonly string[]; newDocuments?: boolean } = {},
) {
  if (!documentIds.length) return;
  const ids = opts.providers ?? enabledProviders().map((p) => p.id);
  for (const provider of ids) {
    if (opts.newDocuments) {
      await tx.suggestionRun.createMany({
        data: documentIds.map((documentId) => ({ id: newId(), projectId, documentId, provider, status: "queued" })),
      });
      continue;
    }
    await tx.suggestionRun.updateMany({
      where: { projectId, provider, documentId: { in: [...documentIds] } },
      data: { status: "queued", error: null, claimedAt: null },
    });
    const existing = new Set(
      (await tx.suggestionRun.findMany({ where: { provider, documentId: { in: [...documentIds] } }, select: { documentId: true } })).map(
        (r) => r.documentId,
      ),
    );
    const fresh = documentIds.filter((d) => !existing.has(d));
    if (fresh.length) {
      await tx.suggestionRun.createMany({
        data: fresh.map((documentId) => ({ id: newId(), projectId, documentId, provider, status: "queued" })),
      });
    }
  }
}

/**
 * In the caller's transaction (the edit that made them stale): drops the suggestions of a whole
 * project or of some documents and queues their runs again. Documents never suggested stay so.
 */
export async function dropStaleSuggestions(tx: Tx, where: { projectId: string; documentIds?: readonly string[] }) {
  const docs = where.documentIds ? { documentId: { in: [...where.documentIds] } } : {};
  await tx.suggestion.deleteMany({ where: { projectId: where.projectId, ...docs } });
  await tx.suggestionRun.updateMany({
    where: { projectId: where.projectId, ...docs },
    data: { status: "queued", error: null, claimedAt: null },
  });
}

const worker = ((
  globalThis as unknown as { __slantSuggestionWorker?: { running: Promise<void> | null; again: boolean } }
).__slantSuggestionWorker ??= { running: null, again: false });

/** Starts this process's worker if it is idle; it runs queued jobs until none is left. Never throws. */
export function kickSuggestions(): void {
  if (worker.running) {
    worker.again = true;
    return;
  }
  worker.running = (async () => {
    do {
      worker.again = false;
      try {
        const db = await getDb();
        for (let job = await claimSuggestionJob(db); job; job = await claimSuggestionJob(db)) await runSuggestionJob(db, job);
      } catch (e) {
        console.error("Suggestion worker stopped", e);
      }
    } while (worker.again);
  })().finally(() => {
    worker.running = null;
  });
}

/** Waits until this process's worker is idle (tests, the CLI). */
export async function suggestionsIdle(): Promise<void> {
  while (worker.running) await worker.running;
}

export interface ClaimedJob {
  id: string;
  projectId: string;
  documentId: string;
  provider: string;
  claimedAt: Date;
}

/** Claims the oldest queued (or lost) job, or returns null when there is none. */
export async function claimSuggestionJob(db: Db): Promise<ClaimedJob | null> {
  for (let tries = 0; tries < 20; tries++) {
    const lost = new Date(Date.now() - LOST_AFTER_MS);
    const candidate = await db.suggestionRun.findFirst({
      // Runs of a project whose suggestions are off wait until they are turned on again.
      where: { OR: [{ status: "queued" }, { status: "running", claimedAt: { lt: lost } }], project: { suggestionsOffAt: null } },
      orderBy: { createdAt: "asc" },
      select: { id: true, projectId: true, documentId: true, provider: true, status: true, claimedAt: true },
    });
    if (!candidate) return null;
    const claimedAt = new Date();
    const { count } = await writeTransaction((tx) =>
      tx.suggestionRun.updateMany({
        where: { id: candidate.id, status: candidate.status, claimedAt: candidate.claimedAt },
        data: { status: "running", claimedAt, attempts: { increment: 1 } },
      }),
    );
    if (count === 1) return { ...candidate, claimedAt };
    // Another instance claimed it between our read and our update: look again.
  }
  return null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH);

/** The job's claim still holds (nobody re-queued or re-claimed the run). */
const stillOurs = (job: ClaimedJob) => ({ id: job.id, status: "running", claimedAt: job.claimedAt });

export async function runSuggestionJob(db: Db, job: ClaimedJob): Promise<void> {
  const provider = enabledProviders().find((p) => p.id === job.provider);
  let suggestions: CheckedSuggestion[];
  try {
    if (!provider) throw new Error(`provider "${job.provider}" is not configured on this server`);
    const request = await loadRequest(db, job.documentId);
    if (!request) return; // the document is gone (its run with it)
    // All or nothing: a reply with one bad suggestion is a broken provider, and nothing of it is stored.
    suggestions = checkReply(request, await callProvider(provider, request));
  } catch (e) {
    console.error(`Suggestions for document ${job.documentId} by ${job.provider} failed`, e);
    await writeTransaction((tx) =>
      tx.suggestionRun.updateMany({ where: stillOurs(job), data: { status: "failed", error: message(e) } }),
    ).catch((e2) => console.error("Could not record a failed suggestion run", e2));
    return;
  }
  const rows = suggestionRows(job, suggestions);
  await writeTransaction(async (tx) => {
    // On PostgreSQL this UPDATE waits for an edit that re-queues the run, then matches nothing.
    const { count } = await tx.suggestionRun.updateMany({ where: stillOurs(job), data: { status: "done", error: null } });
    if (count === 0) return; // stale: re-queued or re-claimed meanwhile
    await tx.suggestion.deleteMany({ where: { documentId: job.documentId, provider: job.provider } });
    await tx.suggestion.createMany({ data: rows });
  });
}

/** The provider's reply, or an error once its timeout passes (its request is aborted then, whether it listens or not). */
async function callProvider(provider: SuggestionProvider, request: SuggestionRequest): Promise<unknown> {
  const controller = new AbortController();
  const ms = provider.timeoutMs ?? PROVIDER_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`provider "${provider.id}" did not answer within ${ms / 1000} s`));
      controller.abort();
    }, ms);
  });
  try {
    return await Promise.race([provider.suggest(request, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function loadRequest(db: Db, documentId: string): Promise<SuggestionRequest | null> {
  const doc = await db.document.findUnique({
    where: { id: documentId },
    select: {
      id: true,
      text: true,
      segments: { orderBy: { index: "asc" }, select: { id: true, index: true, start: true, end: true, kind: true } },
      project: {
        select: {
          id: true,
          schemaVersion: true,
          guidelines: true,
          targets: { orderBy: { position: "asc" }, select: { key: true, name: true } },
        },
      },
    },
  });
  if (!doc) return null;
  const schema = await projectSchemaAt(db, doc.project.id, doc.project.schemaVersion);
  return {
    project: { targets: doc.project.targets, schema, guidelines: doc.project.guidelines },
    document: { id: doc.id, text: doc.text },
    segments: doc.segments.map((s) => ({ ...s, kind: s.kind as SegmentKind | null, text: doc.text.slice(s.start, s.end) })),
  };
}

/**
 * The rows to store for a reply that passed checkReply: one suggestion per sentence, dimension and
 * target (the most confident; a provider may send several).
 */
function suggestionRows(job: Pick<ClaimedJob, "projectId" | "documentId" | "provider">, suggestions: readonly CheckedSuggestion[]) {
  const kept = new Map<string, CheckedSuggestion>();
  for (const s of suggestions) {
    const key = `${s.segmentId}\u0000${s.dimension}\u0000${s.target ?? ""}`;
    const prev = kept.get(key);
    if (!prev || s.confidence > prev.confidence) kept.set(key, s);
  }
  return [...kept.values()].map((s) => ({
    id: newId(),
    projectId: job.projectId,
    documentId: job.documentId,
    segmentId: s.segmentId,
    dimension: s.dimension,
    target: s.target ?? "",
    value: s.value as never,
    confidence: s.confidence,
    provider: job.provider,
    rule: s.rule,
    ...(s.evidence && (s.evidence.quotes?.length || s.evidence.cue) ? { evidence: s.evidence as never } : {}),
  }));
}

/** Awaits an edit's transaction, then starts the worker for the runs it queued. */
export async function kickSuggestionsAfter<T>(committed: Promise<T>): Promise<T> {
  const result = await committed;
  kickSuggestions();
  return result;
}
