import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { ArgType, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
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

/** Runs tasks one at a time, in the order they asked. */
function queue() {
  let last: Promise<unknown> = Promise.resolve();
  /** Resolves, when the task's turn has come, with the function that ends its turn. */
  return function turn(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((r) => (end = r));
    const start = last.then(() => end);
    last = ended;
    return start;
  };
}

/**
 * The SQLite connection, one statement or transaction at a time. Prisma's SQLite adapter queues
 * transactions for its one connection but runs a statement outside a transaction at once, on
 * that connection: inside whatever transaction another request had open, so it read that
 * transaction's uncommitted rows, and its write (an import job's status, a failed sign-in, a
 * token's last use) was rolled back with it. Here such a statement waits its turn like a transaction.
 */
function oneAtATime(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const conn = await factory.connect();
      const turn = queue();
      const alone = async <T>(run: () => Promise<T>): Promise<T> => {
        const end = await turn();
        try {
          return await run();
        } finally {
          end();
        }
      };
      return {
        provider: conn.provider,
        adapterName: conn.adapterName,
        queryRaw: (q) => alone(() => conn.queryRaw(q)),
        executeRaw: (q) => alone(() => conn.executeRaw(q)),
        executeScript: (script) => alone(() => conn.executeScript(script)),
        getConnectionInfo: conn.getConnectionInfo?.bind(conn),
        dispose: () => conn.dispose(),
        async startTransaction(isolationLevel): Promise<Transaction> {
          const end = await turn();
          let tx: Transaction;
          try {
            tx = await conn.startTransaction(isolationLevel);
          } catch (e) {
            end();
            throw e;
          }
          // Prisma sends COMMIT or ROLLBACK through the transaction, then calls commit() or rollback().
          return {
            provider: tx.provider,
            adapterName: tx.adapterName,
            options: tx.options,
            queryRaw: (q) => tx.queryRaw(q),
            executeRaw: (q) => tx.executeRaw(q),
            commit: () => tx.commit().finally(end),
            rollback: () => tx.rollback().finally(end),
            createSavepoint: tx.createSavepoint?.bind(tx),
            rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
            releaseSavepoint: tx.releaseSavepoint?.bind(tx),
          };
        },
      };
    },
  };
}

async function create(): Promise<Db> {
  const e = env();
  const adapter = adapterFactory(e.pgPoolMax);
  if (adapter instanceof PrismaPg) return new PgPrismaClient({ adapter }) as unknown as Db;
  const db = new PrismaClient({ adapter: oneAtATime(adapter) });
  // Per connection (the adapter keeps one): enforce foreign keys. WAL is set once by the migrator.
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$executeRawUnsafe(`PRAGMA busy_timeout = ${e.sqliteBusyTimeoutMs}`);
  return db;
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
