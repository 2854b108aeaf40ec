/**
 * Applies the committed migrations (prisma/migrations/<provider>/) offline, with the plain
 * drivers, keeping Prisma's `_prisma_migrations` bookkeeping so `prisma migrate deploy` and
 * `prisma migrate status` agree with it. Each migration runs in one transaction (both SQLite and
 * PostgreSQL have transactional DDL), so a failure leaves nothing behind; a migration another tool
 * left half-applied is reported and stops the start. On SQLite the migrations run with foreign keys
 * off (a table rebuild would otherwise cascade-delete the rebuilt table's children) and commit only
 * when PRAGMA foreign_key_check finds no row whose parent is missing.
 * Used by `npm run db:migrate`, by `npm start` before the server starts, and by the tests.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { DatabaseConfig } from "@/lib/env";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function migrationsFolder(provider: DatabaseConfig["provider"], root = process.cwd()) {
  return path.join(root, "prisma", "migrations", provider);
}

export function readMigrations(provider: DatabaseConfig["provider"], root = process.cwd()): Migration[] {
  const dir = migrationsFolder(provider, root);
  if (!existsSync(dir)) throw new MigrationError(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  started_at: unknown;
}

/** Compares what the database has applied with the folder; throws on anything but "pending". */
export function plan(migrations: Migration[], rows: Row[]): Migration[] {
  const live = rows.filter((r) => r.rolled_back_at == null);
  const half = live.find((r) => r.finished_at == null);
  if (half) {
    throw new MigrationError(
      `migration ${half.migration_name} was started at ${String(half.started_at)} but never finished: the database is half-migrated. ` +
        `Restore a backup, or repair the database by hand and mark the row in _prisma_migrations as rolled back, then start again.`,
    );
  }
  const known = new Map(migrations.map((m) => [m.name, m]));
  for (const r of live) {
    const m = known.get(r.migration_name);
    if (!m) {
      throw new MigrationError(
        `the database has migration ${r.migration_name}, which this version of Slant does not have (was it migrated by a newer version?)`,
      );
    }
    if (m.checksum !== r.checksum) {
      throw new MigrationError(
        `migration ${r.migration_name} was changed after it was applied (checksum differs); migrations must never be edited`,
      );
    }
  }
  const done = new Set(live.map((r) => r.migration_name));
  return migrations.filter((m) => !done.has(m.name));
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const PG_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL,
  logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`;
/** Any constant: serialises concurrent migrators (several app instances starting at once). */
const PG_LOCK_KEY = 726_561_651;

export interface MigrateResult {
  applied: string[];
  total: number;
}

export async function migrate(config: DatabaseConfig, opts: { root?: string; dryRun?: boolean } = {}): Promise<MigrateResult> {
  const migrations = readMigrations(config.provider, opts.root);
  return config.provider === "sqlite"
    ? migrateSqlite(config.file, migrations, opts.dryRun)
    : migratePg(config.url, migrations, opts.dryRun);
}

async function migrateSqlite(file: string, migrations: Migration[], dryRun = false): Promise<MigrateResult> {
  const Database = (await import("better-sqlite3")).default;
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    if (dryRun) {
      // Read only: no lock, nothing created (the health check calls this).
      const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
      const rows = exists ? (db.prepare(`SELECT * FROM "_prisma_migrations"`).all() as Row[]) : [];
      return { applied: plan(migrations, rows).map((m) => m.name), total: migrations.length };
    }
    db.pragma("journal_mode = WAL");
    db.exec(SQLITE_TABLE);
    const applied: string[] = [];
    // Prisma rebuilds a table on SQLite (new table, copy, DROP TABLE, rename) for most column
    // changes. With foreign keys on, that DROP deletes every child row through ON DELETE CASCADE;
    // the script's own "PRAGMA foreign_keys=OFF" does nothing inside a transaction. So they are
    // off for the migration, set here outside it, and foreign_key_check stands in before commit.
    db.pragma("foreign_keys = OFF");
    try {
      // BEGIN IMMEDIATE takes the write lock first, so two starting processes cannot both apply.
      db.exec("BEGIN IMMEDIATE");
      try {
        const pending = plan(migrations, db.prepare(`SELECT * FROM "_prisma_migrations"`).all() as Row[]);
        for (const m of pending) {
          try {
            db.exec(m.sql);
          } catch (e) {
            throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(e as Error).message}`);
          }
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          ).run(randomUUID(), m.checksum, Date.now(), m.name, Date.now());
          applied.push(m.name);
        }
        const orphans = applied.length ? sqliteOrphans(db) : [];
        if (orphans.length) {
          db.exec("ROLLBACK");
          const before = new Set(sqliteOrphans(db).map((o) => o.key));
          throw new MigrationError(
            `migrating (${applied.join(", ")}) would leave rows whose parent row is missing; nothing was applied (rolled back):\n` +
              describeOrphans(orphans, before),
          );
        }
        db.exec("COMMIT");
      } catch (e) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw e;
      }
    } finally {
      db.pragma("foreign_keys = ON");
    }
    return { applied, total: migrations.length };
  } finally {
    db.close();
  }
}

interface Orphan {
  table: string;
  /** table, row id and key columns: the same orphan before and after a rollback (a rebuild renumbers rowids and foreign keys) */
  key: string;
  text: string;
}

/** Rows whose foreign key names no parent row (PRAGMA foreign_key_check), each described by its id and key. */
function sqliteOrphans(db: import("better-sqlite3").Database): Orphan[] {
  const found = db.prepare("PRAGMA foreign_key_check").all() as { table: string; rowid: number | null; parent: string; fkid: number }[];
  return found.map((o) => {
    const columns = (db.prepare(`PRAGMA foreign_key_list("${o.table}")`).all() as { id: number; from: string; to: string }[]).filter(
      (c) => c.id === o.fkid,
    );
    const row =
      o.rowid == null
        ? undefined
        : (db.prepare(`SELECT * FROM "${o.table}" WHERE rowid = ?`).get(o.rowid) as Record<string, unknown> | undefined);
    const which = row && "id" in row ? `id ${String(row.id)}` : `rowid ${o.rowid ?? "?"}`;
    const refs = columns.map((c) => `${c.from} ${JSON.stringify(row?.[c.from] ?? null)}`).join(", ");
    return {
      table: o.table,
      key: `${o.table}:${which}:${columns.map((c) => c.from).join(",")}`,
      text: `${o.table} row ${which}: ${refs} names no ${o.parent} row`,
    };
  });
}

const ORPHANS_LISTED = 20;

function describeOrphans(orphans: Orphan[], before: Set<string>): string {
  // Those that were there before come first: they are what the owner of the database must repair.
  const sorted = [...orphans.filter((o) => before.has(o.key)), ...orphans.filter((o) => !before.has(o.key))];
  const lines = sorted
    .slice(0, ORPHANS_LISTED)
    .map((o) => `  ${o.text}${before.has(o.key) ? " (already so before migrating: repair or delete it first)" : ""}`);
  if (orphans.length > ORPHANS_LISTED) {
    const perTable = new Map<string, number>();
    for (const o of orphans) perTable.set(o.table, (perTable.get(o.table) ?? 0) + 1);
    lines.push(`  ... ${orphans.length} in all (${[...perTable].map(([t, n]) => `${t} ${n}`).join(", ")})`);
  }
  return lines.join("\n");
}

async function migratePg(url: string, migrations: Migration[], dryRun = false): Promise<MigrateResult> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new MigrationError(`cannot connect to PostgreSQL (DATABASE_URL): ${(e as Error).message}`);
  }
  try {
    if (dryRun) {
      const { rows: t } = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
      const rows = t[0]?.t ? (await client.query<Row>("SELECT * FROM _prisma_migrations")).rows : [];
      return { applied: plan(migrations, rows).map((m) => m.name), total: migrations.length };
    }
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(PG_TABLE);
    const { rows } = await client.query<Row>("SELECT * FROM _prisma_migrations");
    const pending = plan(migrations, rows);
    const applied: string[] = [];
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)",
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, total: migrations.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await client.end();
  }
}
