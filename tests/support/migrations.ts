/**
 * For migration tests: every row of every table, a migrations folder with one extra migration,
 * and the table rebuild that Prisma's schema engine emits on SQLite for a column change.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseConfig } from "@/lib/env";
import { migrationsFolder } from "@/server/db/migrate";

/** Every row of every application table (not _prisma_migrations), by table, ordered by id. */
export async function allRows(config: DatabaseConfig): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  if (config.provider === "sqlite") {
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(config.file, { readonly: true });
    try {
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
        .pluck()
        .all() as string[];
      for (const t of tables.sort()) out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY "id"`).all();
    } finally {
      db.close();
    }
    return out;
  }
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: config.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    for (const { name } of rows.sort((a, b) => a.name.localeCompare(b.name)))
      out[name] = (await c.query(`SELECT * FROM "${name}" ORDER BY "id"`)).rows;
  } finally {
    await c.end();
  }
  return out;
}

/** A project root whose prisma/migrations/<provider> holds the committed migrations plus `extra`, applied last. */
export function migrationsWith(provider: DatabaseConfig["provider"], extra: { name: string; sql: string }[]): string {
  const root = mkdtempSync(path.join(tmpdir(), "slant-migrations-"));
  const dir = migrationsFolder(provider, root);
  cpSync(migrationsFolder(provider), dir, { recursive: true });
  for (const m of extra) {
    mkdirSync(path.join(dir, m.name));
    writeFileSync(path.join(dir, m.name, "migration.sql"), m.sql);
  }
  return root;
}

/** The tables other tables' foreign keys point at (SQLite). */
export async function parentTables(file: string): Promise<string[]> {
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    const parents = new Set<string>();
    for (const t of tables)
      for (const fk of db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { table: string }[]) parents.add(fk.table);
    return [...parents].sort();
  } finally {
    db.close();
  }
}

/**
 * The SQL `npm run db:diff` writes on SQLite when a column of `tables` changes (a default, a type,
 * a dropped column): pragmas, new table, copy, DROP TABLE, rename, indexes again. The tables keep
 * their definitions here, so every row must come through unchanged.
 */
export async function sqliteRebuild(file: string, tables: string[]): Promise<string> {
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(file, { readonly: true });
  try {
    const parts = ["-- RedefineTables", "PRAGMA defer_foreign_keys=ON;", "PRAGMA foreign_keys=OFF;"];
    for (const t of tables) {
      const create = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(t) as string;
      const columns = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(", ");
      const indexes = db
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .pluck()
        .all(t) as string[];
      parts.push(
        `${create.replace(`CREATE TABLE "${t}"`, `CREATE TABLE "new_${t}"`)};`,
        `INSERT INTO "new_${t}" (${columns}) SELECT ${columns} FROM "${t}";`,
        `DROP TABLE "${t}";`,
        `ALTER TABLE "new_${t}" RENAME TO "${t}";`,
        ...indexes.map((s) => `${s};`),
      );
    }
    parts.push("PRAGMA foreign_keys=ON;", "PRAGMA defer_foreign_keys=OFF;");
    return parts.join("\n") + "\n";
  } finally {
    db.close();
  }
}
