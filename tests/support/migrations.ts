/**
 * For migration tests: every row of every table, a migrations folder with one extra migration,
 * and the table rebuild that Prisma's schema engine emits on SQLite for a column change.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseConfig } from "@/lib/env";
import { migrationsFolder } from "@/server/db/migrate";

/** Rows by id; tables keyed otherwise (the report cache's) by their first two columns, their key. */
const order = (_table: string, columns: { name: string }[]) => (columns.some((c) => c.name === "id") ? `"id"` : "1, 2");

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
      for (const t of tables.sort())
        out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY ${order(t, db.pragma(`table_info("${t}")`) as { name: string }[])}`).all();
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
      out[name] = (
        await c.query(
          `SELECT * FROM "${name}" ORDER BY ${order(
            name,
            (
              await c.query<{ name: string }>(
                `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
                [name],
              )
            ).rows,
          )}`,
        )
      ).rows;
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
    // As scripts/schema-diff.mts writes it: triggers that name another rebuilt table than their own
    // go first (SQLite's RENAME checks every trigger); all of them come back at the end.
    const triggers = (
      db.prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger'`).all() as {
        name: string;
        table: string;
        sql: string;
      }[]
    ).filter((tr) => tables.includes(tr.table) || tables.some((t) => tr.sql.includes(`"${t}"`)));
    const parts = [
      ...triggers.filter((tr) => tables.some((t) => t !== tr.table && tr.sql.includes(`"${t}"`))).map((tr) => `DROP TRIGGER "${tr.name}";`),
      "-- RedefineTables",
      "PRAGMA defer_foreign_keys=ON;",
      "PRAGMA foreign_keys=OFF;",
    ];
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
    parts.push("PRAGMA foreign_keys=ON;", "PRAGMA defer_foreign_keys=OFF;", ...triggers.map((tr) => `${tr.sql};`));
    return parts.join("\n") + "\n";
  } finally {
    db.close();
  }
}

/** A project root whose prisma/migrations/<provider> holds the committed migrations before `name` only. */
export function migrationsBefore(provider: DatabaseConfig["provider"], name: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "slant-migrations-"));
  const committed = migrationsFolder(provider);
  const later = (src: string) => path.dirname(src) === committed && /^\d/.test(path.basename(src)) && path.basename(src) >= name;
  cpSync(committed, migrationsFolder(provider, root), { recursive: true, filter: (src) => !later(src) });
  return root;
}

/**
 * Puts `perTable` rows in every table of a SQLite database of any schema version, parents before
 * children: row i of a table points at row i of each parent, so composite unique keys made of
 * foreign keys stay unique. Values follow each column's declared type and differ from row to row.
 */
export async function fillEveryTable(file: string, perTable = 3): Promise<void> {
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(file);
  try {
    const tables = db
      .prepare(
        `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
      )
      .pluck()
      .all() as string[];
    const fks = new Map(
      tables.map((t) => [t, db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { table: string; from: string; to: string }[]]),
    );
    const done = new Set<string>();
    while (done.size < tables.length) {
      const ready = tables.filter((t) => !done.has(t) && fks.get(t)!.every((fk) => done.has(fk.table) || fk.table === t));
      if (!ready.length) throw new Error(`foreign keys form a cycle among ${tables.filter((t) => !done.has(t)).join(", ")}`);
      for (const t of ready) {
        const columns = db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string }[];
        const insert = db.prepare(
          `INSERT INTO "${t}" (${columns.map((c) => `"${c.name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        );
        for (let i = 0; i < perTable; i++) {
          insert.run(
            ...columns.map((c) => {
              const fk = fks.get(t)!.find((f) => f.from === c.name);
              if (fk) return db.prepare(`SELECT "${fk.to}" FROM "${fk.table}" ORDER BY rowid LIMIT 1 OFFSET ?`).pluck().get(i);
              const type = c.type.toUpperCase();
              if (type.includes("INT")) return i + 1;
              if (type === "BOOLEAN") return i % 2;
              if (type === "DATETIME") return Date.UTC(2026, 0, 1 + i);
              if (type === "REAL" || type.startsWith("DECIMAL")) return i + 0.5;
              if (type === "JSONB") return JSON.stringify({ row: i });
              if (type === "BLOB") return Buffer.from([i]);
              return `${t}.${c.name}.${i}`;
            }),
          );
        }
        done.add(t);
      }
    }
  } finally {
    db.close();
  }
}
