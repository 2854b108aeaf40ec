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
import { validateAnnotationValue } from "@/lib/schema/values";
import type { SegmentKind } from "@/lib/segment/kinds";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { withWriteRetry, writeTransaction } from "@/server/db/transaction";
import { projectSchemaAt } from "@/server/label-schema";
import type { ProviderSuggestion, SuggestionProvider, SuggestionRequest } from "./provider";
import { enabledProviders } from "./providers";

/** How long a provider may take for one document. */
export const PROVIDER_TIMEOUT_MS = 60_000;
/** A running job not finished this long after its claim is taken to be lost (its process died). */
const LOST_AFTER_MS = 10 * 60_000;
/** Upper bound on what one provider may return for one document. */
const MAX_SUGGESTIONS_PER_SEGMENT = 50;
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
      where: { OR: [{ status: "queued" }, { status: "running", claimedAt: { lt: lost } }] },
      orderBy: { createdAt: "asc" },
      select: { id: true, projectId: true, documentId: true, provider: true, status: true, claimedAt: true },
    });
    if (!candidate) return null;
    const claimedAt = new Date();
    const { count } = await withWriteRetry(() =>
      db.suggestionRun.updateMany({
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
  let request: SuggestionRequest | null;
  let suggestions: ProviderSuggestion[];
  try {
    if (!provider) throw new Error(`provider "${job.provider}" is not configured on this server`);
    request = await loadRequest(db, job.documentId);
    if (!request) return; // the document is gone (its run with it)
    suggestions = await callProvider(provider, request);
  } catch (e) {
    console.error(`Suggestions for document ${job.documentId} by ${job.provider} failed`, e);
    await withWriteRetry(() => db.suggestionRun.updateMany({ where: stillOurs(job), data: { status: "failed", error: message(e) } })).catch(
      (e2) => console.error("Could not record a failed suggestion run", e2),
    );
    return;
  }
  const { rows, rejected } = validateSuggestions(request, job, suggestions);
  const error = rejected.length ? `${rejected.length} suggestion(s) rejected; first: ${rejected[0]}`.slice(0, MAX_ERROR_LENGTH) : null;
  await writeTransaction(async (tx) => {
    // On PostgreSQL this UPDATE waits for an edit that re-queues the run, then matches nothing.
    const { count } = await tx.suggestionRun.updateMany({ where: stillOurs(job), data: { status: "done", error } });
    if (count === 0) return; // stale: re-queued or re-claimed meanwhile
    await tx.suggestion.deleteMany({ where: { documentId: job.documentId, provider: job.provider } });
    await tx.suggestion.createMany({ data: rows });
  });
}

async function callProvider(provider: SuggestionProvider, request: SuggestionRequest): Promise<ProviderSuggestion[]> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`provider "${provider.id}" did not answer within ${PROVIDER_TIMEOUT_MS / 1000} s`));
    }, PROVIDER_TIMEOUT_MS);
  });
  try {
    const out = await Promise.race([provider.suggest(request, controller.signal), timeout]);
    if (!Array.isArray(out)) throw new Error(`provider "${provider.id}" returned ${typeof out}, not a list of suggestions`);
    return out;
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

type SuggestionRow = {
  id: string;
  projectId: string;
  documentId: string;
  segmentId: string;
  dimension: string;
  target: string;
  value: never;
  confidence: number;
  provider: string;
  rule: string;
  evidence?: never;
};

const isSpan = (v: unknown, length: number): v is [number, number] =>
  Array.isArray(v) &&
  v.length === 2 &&
  Number.isInteger(v[0]) &&
  Number.isInteger(v[1]) &&
  (v[0] as number) >= 0 &&
  (v[0] as number) < (v[1] as number) &&
  (v[1] as number) <= length;

/**
 * What a provider returned, checked against the document and the project's schema: unknown
 * segments, dimensions, targets or values, confidences outside [0, 1], evidence outside the
 * segment are rejected (with the reason); one suggestion per segment, dimension and target (the
 * most confident) is kept.
 */
export function validateSuggestions(
  request: SuggestionRequest,
  job: Pick<ClaimedJob, "projectId" | "documentId" | "provider">,
  input: unknown[],
) {
  const segments = new Map(request.segments.map((s) => [s.id, s]));
  const targets = request.project.targets.map((t) => t.key);
  const rejected: string[] = [];
  const kept = new Map<string, SuggestionRow>();
  const perSegment = new Map<string, number>();
  input.forEach((raw, i) => {
    const where = `suggestion ${i + 1}`;
    const s = raw as Partial<ProviderSuggestion> | null;
    if (!s || typeof s !== "object") return rejected.push(`${where}: not an object`);
    const seg = typeof s.segmentId === "string" ? segments.get(s.segmentId) : undefined;
    if (!seg) return rejected.push(`${where}: unknown segment ${JSON.stringify(s.segmentId)}`);
    if ((perSegment.get(seg.id) ?? 0) >= MAX_SUGGESTIONS_PER_SEGMENT)
      return rejected.push(`${where}: too many suggestions for one segment`);
    if (typeof s.dimension !== "string") return rejected.push(`${where}: dimension missing`);
    if (s.target !== null && s.target !== undefined && typeof s.target !== "string")
      return rejected.push(`${where}: target must be a string or null`);
    if (typeof s.confidence !== "number" || !(s.confidence >= 0 && s.confidence <= 1)) {
      return rejected.push(`${where}: confidence must be a number in [0, 1]`);
    }
    if (typeof s.rule !== "string" || !s.rule || s.rule.length > 200)
      return rejected.push(`${where}: rule must be a string of 1 to 200 characters`);
    const checked = validateAnnotationValue(
      request.project.schema,
      { dimension: s.dimension, target: s.target ?? null, value: s.value },
      { targets, segment: { start: seg.start, end: seg.end }, text: request.document.text },
    );
    if (!checked.ok) return rejected.push(`${where}: ${checked.error}`);
    const length = seg.end - seg.start;
    let evidence: { quotes?: [number, number][]; cue?: [number, number] } | undefined;
    if (s.evidence !== undefined) {
      const e = s.evidence as { quotes?: unknown; cue?: unknown } | null;
      if (!e || typeof e !== "object") return rejected.push(`${where}: evidence must be an object`);
      if (e.quotes !== undefined && !(Array.isArray(e.quotes) && e.quotes.every((q) => isSpan(q, length)))) {
        return rejected.push(`${where}: evidence.quotes must be [start, end] pairs within the segment`);
      }
      if (e.cue !== undefined && !isSpan(e.cue, length))
        return rejected.push(`${where}: evidence.cue must be [start, end] within the segment`);
      evidence = {
        ...(e.quotes ? { quotes: e.quotes as [number, number][] } : {}),
        ...(e.cue ? { cue: e.cue as [number, number] } : {}),
      };
    }
    perSegment.set(seg.id, (perSegment.get(seg.id) ?? 0) + 1);
    const target = s.target ?? "";
    const key = `${seg.id}\u0000${s.dimension}\u0000${target}`;
    const prev = kept.get(key);
    if (prev && prev.confidence >= s.confidence) return;
    kept.set(key, {
      id: newId(),
      projectId: job.projectId,
      documentId: job.documentId,
      segmentId: seg.id,
      dimension: s.dimension,
      target,
      value: checked.value as never,
      confidence: s.confidence,
      provider: job.provider,
      rule: s.rule,
      ...(evidence ? { evidence: evidence as never } : {}),
    });
  });
  return { rows: [...kept.values()], rejected };
}

/** Awaits an edit's transaction, then starts the worker for the runs it queued. */
export async function kickSuggestionsAfter<T>(committed: Promise<T>): Promise<T> {
  const result = await committed;
  kickSuggestions();
  return result;
}
