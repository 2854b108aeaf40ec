import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { ArgType } from "@prisma/driver-adapter-utils";
import { PrismaClient, type Prisma } from "@/lib/generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/pg/client";
import { env } from "@/lib/env";

/**
 * The one Prisma client of the process. Both generated clients come from the same logical schema
 * (prisma/schema.prisma), so their model APIs are the same; the SQLite client's type stands for both.
 */
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { slantDb?: Promise<Db>; slantBulkDb?: Promise<Db>; slantReader?: Promise<StreamReader> };

/** Prisma's driver adapter for the configured database; `pgPoolMax` bounds a PostgreSQL pool. */
function adapterFactory(pgPoolMax: number) {
  const e = env();
  return e.database.provider === "postgresql"
    ? new PrismaPg({ connectionString: e.database.url, max: pgPoolMax })
    : new PrismaBetterSqlite3({ url: `file:${e.database.file}`, timeout: e.sqliteBusyTimeoutMs });
}

async function create(): Promise<Db> {
  const e = env();
  const adapter = adapterFactory(e.pgPoolMax);
  if (adapter instanceof PrismaPg) return new PgPrismaClient({ adapter }) as unknown as Db;
  const db = new PrismaClient({ adapter });
  // Per connection (the adapter keeps one): enforce foreign keys. WAL is set once by the migrator.
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe(`PRAGMA busy_timeout = ${e.sqliteBusyTimeoutMs}`);
  return db;
}

/**
 * SQLite's "database is locked" and stale-snapshot errors, PostgreSQL's serialization failures.
 * Prisma 7 reports SQLite's SQLITE_BUSY* as P1008 "Operation has timed out", naming the driver's
 * code only in meta.driverAdapterError.cause: without it a transaction whose snapshot another
 * connection had written past (SQLITE_BUSY_SNAPSHOT) failed as a server error instead of running again.
 */
export function isRetryableWriteError(e: unknown): boolean {
  const cause = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } })?.meta
    ?.driverAdapterError?.cause;
  const text = `${(e as { code?: string })?.code ?? ""} ${cause?.originalCode ?? ""} ${cause?.originalMessage ?? ""} ${e instanceof Error ? e.message : String(e)}`;
  return /SQLITE_BUSY|database is locked|P2034|P2028|could not serialize|deadlock detected/i.test(text);
}

/**
 * Runs a write transaction, trying again (up to 5 times, with jittered backoff) when the database
 * reports a lock or serialization conflict with another connection. The transaction must be
 * safe to repeat: it is all-or-nothing, so a failed attempt left nothing behind.
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

/** The database client; created on first use. */
export function getDb(): Promise<Db> {
  globalForDb.slantDb ??= create().catch((err) => {
    globalForDb.slantDb = undefined;
    throw err;
  });
  return globalForDb.slantDb;
}

/**
 * A second client for long bulk writes (imports). The SQLite adapter keeps one connection and runs
 * every query of the process on it, so a long transaction there would make other requests wait
 * (and run their plain writes inside it). On its own connection, SQLite's own locking isolates
 * the import: readers go on (WAL), writers wait up to the busy timeout. PostgreSQL's pool already
 * gives each transaction its own connection.
 */
export function getBulkDb(): Promise<Db> {
  if (env().database.provider === "postgresql") return getDb();
  globalForDb.slantBulkDb ??= create().catch((err) => {
    globalForDb.slantBulkDb = undefined;
    throw err;
  });
  return globalForDb.slantBulkDb;
}

/**
 * Large reads streamed out page by page (exports), as rows of plain values, through Prisma's
 * driver adapter on a connection of its own (a pool of two on PostgreSQL).
 *
 * Why not `db.$queryRaw`: the client builds every row twice more (its query interpreter's
 * objects, then typed values), and that garbage fills the old generation: the adapter is faster
 * and grows the resident set less (figures: bench/README.md). On SQLite the connection is read-only and keeps a small
 * page cache (2 MB instead of better-sqlite3's 16 MB, which a separate connection would add to
 * the process): an export reads each page once, and the operating system caches the file anyway.
 */
export interface StreamReader {
  /** The rows of a read-only query, each an array of values in the order of its columns. */
  rows(query: Prisma.Sql): Promise<unknown[][]>;
  close(): Promise<void>;
}

function argType(v: unknown): ArgType {
  const scalarType: ArgType["scalarType"] =
    typeof v === "string"
      ? "string"
      : typeof v === "boolean"
        ? "boolean"
        : typeof v === "number"
          ? Number.isInteger(v)
            ? "int"
            : "float"
          : v instanceof Date
            ? "datetime"
            : "unknown";
  return { scalarType, arity: "scalar" };
}

async function createReader(): Promise<StreamReader> {
  const pg = env().database.provider === "postgresql";
  const adapter = await adapterFactory(2).connect();
  if (!pg) await adapter.executeScript("PRAGMA query_only = ON; PRAGMA cache_size = -2000;");
  return {
    async rows(query) {
      // Prisma.Sql renders `?` placeholders (SQLite) or `$1` (PostgreSQL).
      const result = await adapter.queryRaw({ sql: pg ? query.text : query.sql, args: query.values, argTypes: query.values.map(argType) });
      return result.rows;
    },
    close: () => adapter.dispose(),
  };
}

/** The process's stream reader (see StreamReader); created on first use. */
export function getStreamReader(): Promise<StreamReader> {
  globalForDb.slantReader ??= createReader().catch((err) => {
    globalForDb.slantReader = undefined;
    throw err;
  });
  return globalForDb.slantReader;
}

export async function disconnectDb() {
  const clients = [globalForDb.slantDb, globalForDb.slantBulkDb];
  const reader = globalForDb.slantReader;
  globalForDb.slantDb = undefined;
  globalForDb.slantBulkDb = undefined;
  globalForDb.slantReader = undefined;
  for (const p of clients) if (p) await (await p).$disconnect();
  if (reader) await (await reader.catch(() => null))?.close();
}
