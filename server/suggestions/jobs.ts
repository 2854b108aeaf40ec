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
import { checkReply } from "@/lib/suggest/protocol";
import type { SegmentKind } from "@/lib/segment/kinds";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { insertRows } from "@/server/db/insert-rows";
import { writeTransaction } from "@/server/db/transaction";
import { projectSchemaAt } from "@/server/label-schema";
import type { SuggestionProvider, SuggestionRequest } from "./provider";
import { enabledProviders } from "./providers";
import { setItems, type SuggestionSetItems } from "./sets";

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
      // Inside an import's transaction, a run per document: as cheap to write as the segments.
      const now = new Date();
      await insertRows(
        tx,
        "SuggestionRun",
        ["id", "projectId", "documentId", "provider", "status", "createdAt", "updatedAt"],
        documentIds.map((documentId) => [newId(), projectId, documentId, provider, "queued", now, now]),
      );
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
  await tx.suggestionSet.deleteMany({ where: { projectId: where.projectId, ...docs } });
  await tx.suggestionRun.updateMany({
    where: { projectId: where.projectId, ...docs },
    data: { status: "queued", error: null, claimedAt: null },
  });
}

type Lane = { running: Promise<void> | null; again: boolean };
const lanes = ((globalThis as unknown as { __slantSuggestionLanes?: Map<string, Lane> }).__slantSuggestionLanes ??= new Map());

/**
 * Jobs claimed and run together: one query loads their documents and one transaction stores all
 * their suggestions. Per document, claiming, loading and storing on their own cost several times
 * the built-in rules' own work (bench/README.md, "Suggestions in the background").
 */
const BATCH = 50;

/** Which runs a lane claims: one provider's, or (OTHERS) those of providers this server no longer has. */
type LaneFilter = { provider: string } | { provider: { notIn: string[] } };
const OTHERS = "\u0000others";

/**
 * Starts this process's workers that are idle: one lane per provider, so that a slow provider (a
 * chat model taking seconds per document) never holds up another's runs (the rules' suggestions
 * of a large import), and one lane that fails the runs of providers no longer configured. Each runs
 * queued jobs until none is left. Never throws.
 */
export function kickSuggestions(): void {
  const ids = enabledProviders().map((p) => p.id);
  for (const id of ids) startLane(id, { provider: id });
  startLane(OTHERS, { provider: { notIn: ids } });
}

function startLane(key: string, filter: LaneFilter) {
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { running: null, again: false }));
  if (lane.running) {
    lane.again = true;
    return;
  }
  const l = lane;
  l.running = (async () => {
    do {
      l.again = false;
      try {
        const db = await getDb();
        for (let jobs = await claimSuggestionJobs(db, BATCH, filter); jobs.length; jobs = await claimSuggestionJobs(db, BATCH, filter)) {
          await runSuggestionJobs(db, jobs);
        }
      } catch (e) {
        console.error(`Suggestion worker (${key === OTHERS ? "unconfigured providers" : key}) stopped`, e);
      }
    } while (l.again);
  })().finally(() => {
    l.running = null;
  });
}

/** Waits until every worker of this process is idle (tests, the CLI). */
export async function suggestionsIdle(): Promise<void> {
  for (;;) {
    const busy = [...lanes.values()].flatMap((l) => (l.running ? [l.running] : []));
    if (!busy.length) return;
    await Promise.all(busy);
  }
}

export interface ClaimedJob {
  id: string;
  projectId: string;
  documentId: string;
  provider: string;
  claimedAt: Date;
}

/**
 * Claims up to `limit` of the oldest queued (or lost) jobs (of the providers `only` names); none when there are none. The UPDATE
 * repeats the claimable condition and returns the rows it changed: on PostgreSQL a concurrent
 * claim of the same rows commits first, this UPDATE then re-reads them and leaves them out.
 */
export async function claimSuggestionJobs(db: Db, limit: number, only: LaneFilter | Record<string, never> = {}): Promise<ClaimedJob[]> {
  for (let tries = 0; tries < 20; tries++) {
    const lost = new Date(Date.now() - LOST_AFTER_MS);
    const claimable = { OR: [{ status: "queued" }, { status: "running", claimedAt: { lt: lost } }] };
    const candidates = await db.suggestionRun.findMany({
      // Runs of a project whose suggestions are off wait until they are turned on again.
      where: { ...claimable, project: { suggestionsOffAt: null }, ...only },
      orderBy: { createdAt: "asc" },
      take: limit,
      select: { id: true },
    });
    if (!candidates.length) return [];
    const claimedAt = new Date();
    const claimed = await writeTransaction((tx) =>
      tx.suggestionRun.updateManyAndReturn({
        where: { id: { in: candidates.map((c) => c.id) }, ...claimable },
        data: { status: "running", claimedAt, attempts: { increment: 1 } },
        select: { id: true, projectId: true, documentId: true, provider: true },
      }),
    );
    if (claimed.length) return claimed.map((c) => ({ ...c, claimedAt }));
    // Other instances claimed all of them between our read and our update: look again.
  }
  return [];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_LENGTH);

/** The job's claim still holds (nobody re-queued or re-claimed the run). */
const stillOurs = (job: ClaimedJob) => ({ id: job.id, status: "running", claimedAt: job.claimedAt });

/**
 * Runs claimed jobs: each provider call on its own (with its timeout; a failing one fails only its
 * run), then one transaction stores the results of the runs whose claim still holds.
 */
export async function runSuggestionJobs(db: Db, jobs: readonly ClaimedJob[]): Promise<void> {
  const requests = await loadRequests(
    db,
    jobs.map((j) => j.documentId),
  );
  const done: { job: ClaimedJob; items: SuggestionSetItems }[] = [];
  const failed: { job: ClaimedJob; error: string }[] = [];
  for (const job of jobs) {
    const request = requests.get(job.documentId);
    if (!request) continue; // the document is gone (its run with it)
    try {
      const provider = enabledProviders().find((p) => p.id === job.provider);
      if (!provider) throw new Error(`provider "${job.provider}" is not configured on this server`);
      // All or nothing: a reply with one bad suggestion is a broken provider, and nothing of it is stored.
      const checked = provider.suggestChecked
        ? provider.suggestChecked(request)
        : checkReply(request, await callProvider(provider, request));
      done.push({
        job,
        items: setItems(
          checked,
          request.segments.map((seg) => seg.id),
        ),
      });
    } catch (e) {
      console.error(`Suggestions for document ${job.documentId} by ${job.provider} failed`, e);
      failed.push({ job, error: message(e) });
    }
    // The built-in rules run on this thread: let the process's requests in between documents.
    await new Promise((r) => setImmediate(r));
  }
  await writeTransaction(
    async (tx) => {
      for (const { job, error } of failed) await tx.suggestionRun.updateMany({ where: stillOurs(job), data: { status: "failed", error } });
      // On PostgreSQL these UPDATEs wait for an edit that re-queues a run, then leave it out.
      const ours = new Set<string>();
      for (const [claimedAt, ids] of groupBy(
        done,
        ({ job }) => job.claimedAt.getTime(),
        ({ job }) => job.id,
      )) {
        const rows = await tx.suggestionRun.updateManyAndReturn({
          where: { id: { in: ids }, status: "running", claimedAt: new Date(claimedAt) },
          data: { status: "done", error: null },
          select: { id: true },
        });
        for (const r of rows) ours.add(r.id);
      }
      const stored = done.filter(({ job }) => ours.has(job.id)); // the others are stale: re-queued or re-claimed meanwhile
      for (const [provider, documentIds] of groupBy(
        stored,
        ({ job }) => job.provider,
        ({ job }) => job.documentId,
      )) {
        await tx.suggestionSet.deleteMany({ where: { documentId: { in: documentIds }, provider } });
      }
      // One row per document and provider (server/suggestions/sets.ts); none for a document without suggestions.
      const createdAt = new Date();
      await insertRows(
        tx,
        "SuggestionSet",
        ["id", "projectId", "documentId", "provider", "items", "createdAt"],
        stored.flatMap(({ job, items }) =>
          items.length ? [[newId(), job.projectId, job.documentId, job.provider, JSON.stringify(items), createdAt]] : [],
        ),
      );
    },
    { timeout: 60_000 },
  ).catch((e) => console.error("Could not store suggestion runs", e));
}

function groupBy<T, K, V>(items: readonly T[], key: (t: T) => K, value: (t: T) => V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(value(t));
    else out.set(k, [value(t)]);
  }
  return out;
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

/** The provider requests of these documents (documents deleted meanwhile are missing), in one query. */
async function loadRequests(db: Db, documentIds: readonly string[]): Promise<Map<string, SuggestionRequest>> {
  const docs = await db.document.findMany({
    where: { id: { in: [...documentIds] } },
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
  const out = new Map<string, SuggestionRequest>();
  for (const doc of docs) {
    const schema = await projectSchemaAt(db, doc.project.id, doc.project.schemaVersion);
    out.set(doc.id, {
      project: { targets: doc.project.targets, schema, guidelines: doc.project.guidelines },
      document: { id: doc.id, text: doc.text },
      segments: doc.segments.map((s) => ({ ...s, kind: s.kind as SegmentKind | null, text: doc.text.slice(s.start, s.end) })),
    });
  }
  return out;
}

/** Awaits an edit's transaction, then starts the worker for the runs it queued. */
export async function kickSuggestionsAfter<T>(committed: Promise<T>): Promise<T> {
  const result = await committed;
  kickSuggestions();
  return result;
}
