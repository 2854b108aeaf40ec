import "server-only";
import { env } from "@/lib/env";
import { getDb, type Db, getBulkDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { insertDocuments, prepareDocuments, type PreparedDocument } from "@/server/documents";
import { InvalidError, NotFoundError } from "@/server/errors";
import {
  prepareSource,
  readUploads,
  retitled,
  toDocumentInput,
  yieldToEventLoop,
  type ImportSource,
  type JobSource,
  type ParsedFile,
} from "@/server/import-source";
import { newId } from "@/lib/ids";
import { writeTransaction } from "@/server/db/transaction";
import { kickSuggestions, queueSuggestionRuns } from "@/server/suggestions/jobs";
import {
  emptyImportReport,
  IMPORT_STATUSES,
  type ImportFileReport,
  type ImportJobView,
  type ImportReport,
  type ImportStatus,
} from "@/lib/validation/imports";

export { UploadTooLargeError, type ImportSource, type UploadFile } from "@/server/import-source";

/**
 * Imports: files (or pasted text) in, documents with their segments out, a report of every
 * rejected record. Each file is one transaction: all of it is stored or none of it. Jobs run in
 * the background of this process, one at a time; the ImportJob row carries status, progress and
 * the report so that the page can poll it.
 */

export interface ImportProgress {
  processed: number;
  total: number;
}

/** What the command line asks of an import run to the end (importFilesNow). */
export interface ImportRunOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Ids of the documents a file stored, once its transaction has committed (not kept in the report). */
  onStored?: (documentIds: string[]) => void;
  /** Replaces the title of a file's one article (`document:add --title`); a file with several articles is rejected. */
  title?: string;
}

export const INTERRUPTED = "interrupted; retry the import (articles already stored are skipped as duplicates)";
const SERVER_ERROR = "stopped by a server error; retry the import (articles already stored are skipped as duplicates)";
/** A queued/running job nobody in this process works on, untouched this long, was interrupted (IMPORT_STALE_AFTER_MS, default 2 min). */
export const staleAfterMs = () => env().importStaleAfterMs;
/** Articles per insertDocuments call inside a file's transaction: progress moves between chunks. */
const CHUNK = 500;
const REPORT_EVERY_MS = 2_000;
/** Articles segmented between two turns of the event loop (~1-2 ms of CPU each). */
const PREPARE_CHUNK = 50;

/** Process-wide state (module instances may be duplicated across Next bundles; globalThis is not). */
interface WorkerState {
  /** Jobs queued or running in this process: never "interrupted". */
  owned: Set<string>;
  /** Articles processed so far, between the row's per-file updates. */
  live: Map<string, number>;
  queue: Promise<unknown>;
}
const g = globalThis as unknown as { slantImports?: WorkerState };
const worker = (g.slantImports ??= { owned: new Set(), live: new Map(), queue: Promise.resolve() });

/** Runs import jobs one after another: a second upload waits as "queued". */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = worker.queue.then(task);
  worker.queue = run.catch(() => undefined);
  return run;
}

async function managerAccess(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "import documents");
  return { db, projectId: access.projectId };
}

/** Throws 404 (non-members) or 403 (members who do not manage the project); routes call it before reading a large body. */
export async function checkImportAccess(actor: Actor, projectRef: string): Promise<void> {
  await managerAccess(actor, projectRef);
}

type StoredReport = ImportReport & { error?: string };
interface JobRow {
  id: string;
  projectId: string;
  status: string;
  total: number;
  processed: number;
  report: unknown;
  createdAt: Date;
  updatedAt: Date;
}

const json = (report: StoredReport) => report as never; // Prisma's Json input type differs per generated client

function toView(row: JobRow): ImportJobView {
  const stored = row.report as StoredReport | null;
  let report: ImportReport | null = null;
  if (stored) {
    const { error: _error, ...rest } = stored;
    report = rest;
  }
  const status: ImportStatus = (IMPORT_STATUSES as readonly string[]).includes(row.status) ? (row.status as ImportStatus) : "failed";
  return {
    id: row.id,
    projectId: row.projectId,
    status,
    total: row.total,
    processed: Math.max(row.processed, worker.live.get(row.id) ?? 0),
    report,
    error: stored?.error ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function addToReport(report: ImportReport, file: ImportFileReport) {
  report.files.push(file);
  report.imported += file.imported;
  report.duplicates += file.duplicates;
  report.labelsNotImported += file.labelsNotImported;
  if (file.rejected) report.rejectedFiles++;
}

/** The job row's status, counts or report (the file's rows are stored by storeFile, on the import's own connection). */
const setJob = (id: string, data: { status?: ImportStatus; total?: number; processed?: number; report?: never }) =>
  writeTransaction((tx) => tx.importJob.update({ where: { id }, data }));

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === "P2002";

/**
 * Stores one file in one transaction, in chunks. The job row's progress (and, when `before.report`
 * is given, the partial report) is written in the same transaction, so a partial report never
 * claims a file the database does not hold.
 */
async function storeFile(
  db: Db,
  actor: Actor,
  job: { id: string; projectId: string },
  file: ParsedFile,
  before: { processed: number; report?: ImportReport },
  progress: (processed: number) => void,
  onStored?: (documentIds: string[]) => void,
): Promise<ImportFileReport> {
  const n = file.articles.length;
  const labels = file.articles.reduce((k, a) => k + (a.labels?.length ?? 0), 0);
  const attempt = (prepared: PreparedDocument[]) =>
    db.$transaction(
      async (tx) => {
        // Write first: on SQLite the transaction then takes the write lock at once (waiting its
        // turn behind other writers) instead of failing later when a read snapshot has gone stale.
        await tx.importJob.update({ where: { id: job.id }, data: { status: "running" } });
        const ids: string[] = [];
        const out: ImportFileReport = {
          name: file.name,
          imported: 0,
          duplicates: 0,
          rejected: false,
          labelsNotImported: labels,
          errors: [],
        };
        for (let i = 0; i < n; i += CHUNK) {
          const chunk = prepared.slice(i, i + CHUNK);
          const r = await insertDocuments(tx, actor, job.projectId, chunk);
          // Suggestions are computed in the background after the import (kickSuggestions in runJob).
          await queueSuggestionRuns(tx, job.projectId, r.created, { newDocuments: true });
          ids.push(...r.created);
          out.imported += r.created.length;
          out.duplicates += r.duplicates;
          progress(before.processed + i + chunk.length);
          // The SQLite driver is synchronous: let other requests of this process run between chunks.
          await new Promise((r) => setImmediate(r));
        }
        let report: ImportReport | undefined;
        if (before.report) addToReport((report = structuredClone(before.report)), out);
        await tx.importJob.update({
          where: { id: job.id },
          data: { processed: before.processed + n, ...(report ? { report: json(report) } : {}) },
        });
        return { out, ids };
      },
      // The whole file holds the write lock (SQLite) for its duration: see the report on bench/import.bench.ts.
      { timeout: Math.min(60_000 + 30 * n, 15 * 60_000), maxWait: 60_000 },
    );
  try {
    // Validation, hashing and segmentation happen before the write transaction opens, a few
    // articles at a time: segmenting 10,000 articles takes 10-20 s of CPU, and the process's
    // other requests (label saves) run in between.
    const prepared: PreparedDocument[] = [];
    for (let i = 0; i < n; i += PREPARE_CHUNK) {
      prepared.push(...prepareDocuments(file.articles.slice(i, i + PREPARE_CHUNK).map(toDocumentInput), i + 1));
      await yieldToEventLoop();
    }
    let stored: { out: ImportFileReport; ids: string[] };
    try {
      stored = await attempt(prepared);
    } catch (e) {
      // Another import stored the same text between our duplicate check and our insert: once more skips it.
      if (!isUniqueViolation(e)) throw e;
      stored = await attempt(prepared);
    }
    onStored?.(stored.ids);
    return stored.out;
  } catch (e) {
    if (e instanceof InvalidError) {
      return {
        name: file.name,
        imported: 0,
        duplicates: 0,
        rejected: true,
        labelsNotImported: 0,
        errors: [{ file: file.name, reason: e.message }],
      };
    }
    throw e;
  }
}

async function runJob(
  actor: Actor,
  job: { id: string; projectId: string },
  source: JobSource,
  { onProgress, onStored, title }: ImportRunOptions = {},
): Promise<ImportJobView> {
  const report = emptyImportReport();
  let processed = 0;
  let total = 0;
  let reportWrittenAt = 0;
  const progress = (p: number) => {
    worker.live.set(job.id, p);
    onProgress?.({ processed: p, total });
  };
  try {
    await setJob(job.id, { status: "running" });
    const parsed = "parsed" in source ? source.parsed : await readUploads(source.uploads);
    const files = title === undefined ? parsed : parsed.map((f) => retitled(f, title));
    total = files.reduce((k, f) => k + f.articles.length, 0);
    await setJob(job.id, { total });
    progress(0);
    for (const file of files) {
      await yieldToEventLoop();
      if (file.errors.length || file.articles.length === 0) {
        addToReport(report, {
          name: file.name,
          imported: 0,
          duplicates: 0,
          rejected: file.errors.length > 0,
          labelsNotImported: 0,
          errors: file.errors,
        });
        continue;
      }
      // The partial report is rewritten at most every REPORT_EVERY_MS: a zip of 10,000 small files must not write it 10,000 times.
      const withReport = Date.now() - reportWrittenAt >= REPORT_EVERY_MS;
      const stored = await storeFile(
        await getBulkDb(),
        actor,
        job,
        file,
        { processed, report: withReport ? report : undefined },
        progress,
        onStored,
      );
      if (withReport) reportWrittenAt = Date.now();
      addToReport(report, stored);
      processed += file.articles.length;
    }
    const row = await setJob(job.id, { status: "done", processed: total, report: json(report) });
    return toView(row);
  } catch (e) {
    console.error(`Import job ${job.id} failed`, e);
    const failed: StoredReport = { ...report, error: SERVER_ERROR };
    const row = await setJob(job.id, { status: "failed", report: json(failed) }).catch(() => null);
    return toView(row ?? { ...job, status: "failed", total, processed, report: failed, createdAt: new Date(), updatedAt: new Date() });
  } finally {
    worker.owned.delete(job.id);
    worker.live.delete(job.id);
    // Files stored before a failure have their runs queued too.
    kickSuggestions();
  }
}

async function createJob(actor: Actor, projectId: string) {
  const row = await writeTransaction((tx) =>
    tx.importJob.create({ data: { id: newId(), projectId, createdById: actor.id, status: "queued" } }),
  );
  worker.owned.add(row.id);
  return row;
}

/**
 * Starts an import in the background of this process and returns the queued job at once.
 * Managers only (404 for non-members, 403 for other members); 413 over MAX_UPLOAD_BYTES,
 * 422 for no files or empty pasted text. Everything about the content is in the job's report.
 */
export async function startImport(actor: Actor, projectRef: string, source: ImportSource): Promise<ImportJobView> {
  const { projectId } = await managerAccess(actor, projectRef);
  const prepared = prepareSource(source);
  const row = await createJob(actor, projectId);
  void enqueue(() => runJob(actor, { id: row.id, projectId }, prepared));
  return toView(row);
}

/** The same import, run to the end before returning its report (the CLI). */
export async function importFilesNow(
  actor: Actor,
  projectRef: string,
  source: ImportSource,
  opts: ImportRunOptions = {},
): Promise<ImportReport> {
  const { projectId } = await managerAccess(actor, projectRef);
  const prepared = prepareSource(source);
  const row = await createJob(actor, projectId);
  const done = await enqueue(() => runJob(actor, { id: row.id, projectId }, prepared, opts));
  if (done.status !== "done" || !done.report) throw new Error(`Import ${done.id} ${done.error ?? "failed"}`);
  return done.report;
}

/** A job left queued/running by a process that is gone (killed mid-import) reads as failed, and is stored so. */
async function settleInterrupted(row: JobRow): Promise<JobRow> {
  if (row.status !== "queued" && row.status !== "running") return row;
  if (worker.owned.has(row.id) || Date.now() - row.updatedAt.getTime() < staleAfterMs()) return row;
  const report = json({ ...((row.report as StoredReport | null) ?? emptyImportReport()), error: INTERRUPTED });
  try {
    // Only if nobody touched it since we read it (a worker in another process would have).
    await writeTransaction((tx) =>
      tx.importJob.updateMany({
        where: { id: row.id, status: row.status, updatedAt: row.updatedAt },
        data: { status: "failed", report },
      }),
    );
  } catch (e) {
    console.error(`Could not mark import job ${row.id} as interrupted`, e);
  }
  return { ...row, status: "failed", report };
}

export async function getImportJob(actor: Actor, projectRef: string, jobId: string): Promise<ImportJobView> {
  const { db, projectId } = await managerAccess(actor, projectRef);
  const row = await db.importJob.findFirst({ where: { id: jobId, projectId } });
  if (!row) throw new NotFoundError("Import not found");
  return toView(await settleInterrupted(row));
}

export async function listImportJobs(actor: Actor, projectRef: string, opts: { limit?: number } = {}): Promise<ImportJobView[]> {
  const { db, projectId } = await managerAccess(actor, projectRef);
  const rows = await db.importJob.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(opts.limit ?? 20, 1), 100),
  });
  return Promise.all(rows.map(async (r) => toView(await settleInterrupted(r))));
}
