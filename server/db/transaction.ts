import "server-only";
import { env } from "@/lib/env";
import { ConflictError } from "@/server/errors";
import { getDb, type Tx } from "@/server/db/client";

/*
 * How write transactions exclude each other. One helper runs every write transaction
 * (writeTransaction), and a transaction whose decision rests on rows another writer may change
 * first takes the lock that says so (lockProject / lockDocument), before it reads them.
 *
 * PostgreSQL runs transactions at read committed: each statement sees what was committed when it
 * started, so a label save could read the targets, the schema and the sentence, then write a label
 * that a manager's edit committed in between had made invalid. The row locks below make the two
 * wait for each other; the later one then reads what the earlier one committed.
 *
 * SQLite needs none of them: the app runs one connection per process, and its transactions (and,
 * since server/db/client.ts queues them too, its single statements) run one at a time. Another
 * connection (the import connection, a command-line process) is held off by SQLite's write lock:
 * a transaction whose snapshot another connection wrote past cannot write (SQLITE_BUSY_SNAPSHOT),
 * and writeTransaction runs it again, reading afresh.
 */

/**
 * SQLite's "database is locked" and stale-snapshot errors, PostgreSQL's serialization failures
 * and deadlocks, and a unique key taken by a concurrent transaction (see uniqueOrRetry).
 * Prisma 7 reports SQLite's SQLITE_BUSY* as P1008 "Operation has timed out", naming the driver's
 * code only in meta.driverAdapterError.cause: without it a transaction whose snapshot another
 * connection had written past (SQLITE_BUSY_SNAPSHOT) failed as a server error instead of running again.
 */
export function isRetryableWriteError(e: unknown): boolean {
  if (e instanceof KeyTakenConcurrently) return true;
  const cause = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } })?.meta
    ?.driverAdapterError?.cause;
  const text = `${(e as { code?: string })?.code ?? ""} ${cause?.originalCode ?? ""} ${cause?.originalMessage ?? ""} ${e instanceof Error ? e.message : String(e)}`;
  return /SQLITE_BUSY|database is locked|P2034|P2028|could not serialize|deadlock detected/i.test(text);
}

/**
 * Runs `run` again (up to 5 times in all, with jittered backoff) when the database reports a lock
 * or serialization conflict with another connection. `run` must be safe to repeat: a transaction
 * is all-or-nothing, so a failed attempt left nothing behind.
 */
export async function withWriteRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= 4 || !isRetryableWriteError(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
    }
  }
}

/**
 * A write transaction: all of `fn` or nothing, run again on a conflict with another connection
 * (withWriteRetry). Every write of the app goes through here, single statements too (a job's
 * status, a failed sign-in, a token's last use): one way to write, retried the same way.
 * `timeout` (Prisma's default is 5 s) for the few that write a whole file's rows.
 */
export async function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, opts: { timeout?: number; maxWait?: number } = {}): Promise<T> {
  const db = await getDb();
  // maxWait: on SQLite transactions queue for the one connection; under load that takes a while.
  return withWriteRetry(() => db.$transaction(fn, { maxWait: 10_000, ...opts }));
}

/** A unique key this transaction read as free was taken by a concurrent one: run it again. */
class KeyTakenConcurrently extends ConflictError {
  constructor() {
    super("This was changed elsewhere at the same moment; reload it");
  }
}

/**
 * A write that creates a row under a unique key the transaction has just read as free (a first
 * label, confirmation or gold label). When a concurrent transaction inserted the same key first,
 * the database refuses ours; writeTransaction then runs the whole transaction again, which reads
 * the other's row and answers as for any stored row (the same value: success; another: 409).
 */
export async function uniqueOrRetry<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (e instanceof Error && "code" in e && e.code === "P2002") throw new KeyTakenConcurrently();
    throw e;
  }
}

const onPostgres = () => env().database.provider === "postgresql";

/**
 * Locks on a project, taken at the start of a transaction (before it reads what it decides on):
 *  - "labels": the transaction writes labels, confirmations or gold judged against the project's
 *    schema and targets. Any number at once (FOR SHARE on the project row).
 *  - "structure": it changes the schema, the targets or the members. It waits for the label
 *    writes in flight and they wait for it, and for any other change of structure (FOR UPDATE).
 *  - "assignments": it decides who gets which document. One at a time per project; label writes
 *    are not held up (a transaction-scoped advisory lock, not the row).
 *  - "sources": it changes the project's source ledger (entries and aliases). One at a time per
 *    project, so a merge never misses an alias created meanwhile (an advisory lock, as above).
 */
export type ProjectLock = "labels" | "structure" | "assignments" | "sources";

export async function lockProject(tx: Tx, projectId: string, mode: ProjectLock): Promise<void> {
  if (!onPostgres()) return;
  if (mode === "assignments" || mode === "sources") {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`slant:${mode}:${projectId}`}, 0))`;
  } else if (mode === "labels") {
    await tx.$executeRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId} FOR SHARE`;
  } else {
    await tx.$executeRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId} FOR UPDATE`;
  }
}

/**
 * Locks on a document and its project, in one statement:
 *  - "labels": as lockProject "labels", and the document's sentences must stay as read
 *    (FOR SHARE on both rows).
 *  - "segments": the transaction splits or merges the document's sentences: it waits for the label
 *    writes of the document in flight and they wait for it (FOR UPDATE on the document); the
 *    project's schema stays as read (FOR SHARE on the project).
 * No deadlock between the two orders in which the rows may be locked: the only holders of an
 * exclusive lock ("structure" on the project, "segments" on a document) never wait for the other row.
 */
export type DocumentLock = "labels" | "segments";

export async function lockDocument(tx: Tx, documentId: string, mode: DocumentLock): Promise<void> {
  if (!onPostgres()) return;
  if (mode === "labels") {
    await tx.$executeRaw`SELECT 1 FROM "Document" d JOIN "Project" p ON p."id" = d."projectId" WHERE d."id" = ${documentId} FOR SHARE`;
  } else {
    await tx.$executeRaw`SELECT 1 FROM "Document" d JOIN "Project" p ON p."id" = d."projectId" WHERE d."id" = ${documentId} FOR SHARE OF p FOR UPDATE OF d`;
  }
}
