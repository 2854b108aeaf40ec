/**
 * What schema.prisma needs beyond the committed migrations, per provider, computed offline with
 * Prisma's schema engine (the WebAssembly build; run node with --experimental-wasm-modules).
 * The committed migrations are applied to a throw-away database (a temporary SQLite file, or a
 * PostgreSQL database created on SHADOW_DATABASE_URL's server and dropped after), which is then
 * diffed against the datamodel. `db:diff` writes the result as a migration; `db:check` fails on it.
 *
 * Objects that Prisma does not model (full-text tables and their triggers, partial indexes...) are
 * declared in prisma/unmodeled.ts, so that no diff drops them: declared tables are "external" to the
 * engine, declared indexes and triggers are taken out of the throw-away database before the diff
 * and created again after a SQLite table rebuild, which would otherwise drop them with the table.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type Provider = "sqlite" | "postgresql";
export const PROVIDERS: Provider[] = ["sqlite", "postgresql"];

/** Objects of one provider's database that Prisma does not model; see prisma/unmodeled.ts. */
export interface UnmodeledObjects {
  /** Whole tables (a SQLite virtual table brings its shadow tables along). */
  tables: string[];
  /** Indexes on modeled tables. */
  indexes: string[];
  /** Triggers on modeled tables. */
  triggers: string[];
}
export type Unmodeled = Record<Provider, UnmodeledObjects>;

/** The generated PostgreSQL schema's folder (not committed). */
export const pgSchemaPath = (root: string) => path.join(root, "prisma/.generated/postgresql/schema.prisma");

/** schema.prisma for `provider`: the SQLite source, or the PostgreSQL variant rendered from it (written to prisma/.generated/). */
export function schemaFor(root: string, provider: Provider): { path: string; content: string } {
  const sourcePath = path.join(root, "prisma/schema.prisma");
  const text = readFileSync(sourcePath, "utf8");
  if (provider === "sqlite") return { path: sourcePath, content: text };
  const out = text
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"..\/lib\/generated\/sqlite"/, 'output   = "../../../lib/generated/pg"');
  if (!out.includes('"postgresql"') || !out.includes("lib/generated/pg")) {
    throw new Error("prisma/schema.prisma: could not find the sqlite provider or client output line to render");
  }
  mkdirSync(path.dirname(pgSchemaPath(root)), { recursive: true });
  writeFileSync(pgSchemaPath(root), out);
  return { path: pgSchemaPath(root), content: out };
}

export const migrationsDir = (root: string, provider: Provider) => path.join(root, "prisma/migrations", provider);

function committedMigrations(root: string, provider: Provider) {
  const dir = migrationsDir(root, provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

export async function readUnmodeled(root: string): Promise<Unmodeled> {
  const file = path.join(root, "prisma/unmodeled.ts");
  const mod = (await import(pathToFileURL(file).href)) as { default?: Partial<Record<Provider, Partial<UnmodeledObjects>>> };
  const pick = (p: Provider): UnmodeledObjects => ({
    tables: mod.default?.[p]?.tables ?? [],
    indexes: mod.default?.[p]?.indexes ?? [],
    triggers: mod.default?.[p]?.triggers ?? [],
  });
  return { sqlite: pick("sqlite"), postgresql: pick("postgresql") };
}

/** A throw-away database: run SQL on it, hand it to the engine, drop it. */
interface Shadow {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string, args?: unknown[]): Promise<T[]>;
  /** schema name that qualifies external tables (PostgreSQL) */
  schema: string | null;
  factory: unknown;
  close(): Promise<void>;
}

async function sqliteShadow(): Promise<Shadow> {
  const dir = mkdtempSync(path.join(tmpdir(), "slant-diff-"));
  const file = path.join(dir, "shadow.db");
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(file);
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  // The engine reads a partial index's definition with `name = "<index>"`, a double-quoted string
  // that better-sqlite3's SQLite (built without double-quoted string literals) takes for a column.
  class SingleQuotedNames extends PrismaBetterSqlite3 {
    async connect() {
      const adapter = await super.connect();
      const queryRaw = adapter.queryRaw.bind(adapter);
      adapter.queryRaw = (q) =>
        queryRaw({ ...q, sql: q.sql.replace(/(AND name = )"([^"]*)"/, (_, a: string, n: string) => `${a}'${n.replace(/'/g, "''")}'`) });
      return adapter;
    }
  }
  return {
    exec: async (sql) => void db.exec(sql),
    rows: async <T,>(sql: string, args: unknown[] = []) => db.prepare(sql).all(...args) as T[],
    schema: null,
    factory: new SingleQuotedNames({ url: `file:${file}` }),
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function pgShadow(): Promise<Shadow> {
  const base = process.env.SHADOW_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const dbName = `slant_shadow_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const pg = (await import("pg")).default;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  const pool = new pg.Pool({ connectionString: url.toString() });
  // DROP DATABASE ... WITH (FORCE) may end a client the pool is still closing: not an error here.
  pool.on("error", () => {});
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<{ rows: unknown[]; fields?: { dataTypeID: number }[] }>;
  // Introspection reads the internal "char" type (OID 18), which the adapter cannot decode:
  // report such columns as text (OID 25).
  (pool as unknown as { query: unknown }).query = async (...a: unknown[]) => {
    const r = await query(...a);
    for (const f of r.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return r;
  };
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const schema = ((await query("SELECT current_schema() AS s")).rows[0] as { s: string }).s;
  return {
    exec: async (sql) => void (await query(sql)),
    rows: async <T,>(sql: string, args: unknown[] = []) => (await query(sql, args)).rows as T[],
    schema,
    factory: new PrismaPg(pool),
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    },
  };
}

interface Recreate {
  name: string;
  table: string;
  sql: string;
}

/**
 * Takes the declared indexes and triggers out of the shadow database (the engine would drop an
 * index it does not know) and returns how to create them again. A declared object that the
 * committed migrations do not create is an error: the declaration is stale or the object was lost.
 */
async function setAsideUnmodeled(
  shadow: Shadow,
  provider: Provider,
  declared: UnmodeledObjects,
): Promise<{ external: string[]; recreate: Recreate[] }> {
  const missing: string[] = [];
  const recreate: Recreate[] = [];
  const external: string[] = [];
  if (provider === "sqlite") {
    for (const t of declared.tables) {
      const found = await shadow.rows<{ name: string; type: string }>(
        `SELECT name, type FROM pragma_table_list WHERE name = ? OR (type = 'shadow' AND name LIKE ? ESCAPE '\\')`,
        [t, `${t.replace(/[\\%_]/g, (c) => `\\${c}`)}\\_%`],
      );
      if (!found.some((f) => f.name === t)) missing.push(`table ${t}`);
      external.push(...found.map((f) => f.name));
    }
    for (const [kind, names] of [
      ["index", declared.indexes],
      ["trigger", declared.triggers],
    ] as const) {
      for (const name of names) {
        const [o] = await shadow.rows<{ tbl_name: string; sql: string | null }>(
          `SELECT tbl_name, sql FROM sqlite_master WHERE type = ? AND name = ?`,
          [kind, name],
        );
        if (!o?.sql) {
          missing.push(`${kind} ${name}`);
          continue;
        }
        recreate.push({ name, table: o.tbl_name, sql: `${o.sql};` });
        await shadow.exec(`DROP ${kind.toUpperCase()} "${name}"`);
      }
    }
  } else {
    for (const t of declared.tables) {
      const [found] = await shadow.rows(`SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2`, [shadow.schema, t]);
      if (!found) missing.push(`table ${t}`);
      external.push(`${shadow.schema}.${t}`);
    }
    for (const name of declared.indexes) {
      const [o] = await shadow.rows<{ tablename: string; indexdef: string }>(
        `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`,
        [shadow.schema, name],
      );
      if (!o) missing.push(`index ${name}`);
      else {
        recreate.push({ name, table: o.tablename, sql: `${o.indexdef};` });
        await shadow.exec(`DROP INDEX "${name}"`);
      }
    }
    for (const name of declared.triggers) {
      const [o] = await shadow.rows<{ relname: string; def: string }>(
        `SELECT c.relname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND t.tgname = $2 AND NOT t.tgisinternal`,
        [shadow.schema, name],
      );
      if (!o) missing.push(`trigger ${name}`);
      else {
        recreate.push({ name, table: o.relname, sql: `${o.def};` });
        await shadow.exec(`DROP TRIGGER "${name}" ON "${o.relname}"`);
      }
    }
  }
  if (missing.length) {
    throw new Error(
      `prisma/unmodeled.ts declares ${provider} objects that the committed migrations do not create: ${missing.join(", ")}. ` +
        `Create them in a migration, or remove them from the list.`,
    );
  }
  return { external, recreate };
}

/** The SQL that brings a database holding the committed migrations to schema.prisma ("" when none is needed). */
export async function pendingSchemaChange(root: string, provider: Provider): Promise<string> {
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const schema = schemaFor(root, provider);
  const existing = committedMigrations(root, provider);
  const declared = (await readUnmodeled(root))[provider];
  const shadow = provider === "sqlite" ? await sqliteShadow() : await pgShadow();
  try {
    for (const m of existing) await shadow.exec(m.sql);
    const { external, recreate } = await setAsideUnmodeled(shadow, provider, declared);
    const engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(shadow.factory as never),
    );
    const result = await engine.diff({
      from: existing.length === 0 ? { tag: "empty" } : { tag: "schemaDatasource", files: [schema], configDir: root },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: { externalTables: external, externalEnums: [] },
    } as never);
    const sql = (result as { stdout: string }).stdout;
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) return "";
    // A SQLite rebuild (new table, copy, DROP TABLE, rename) drops the table's indexes and triggers.
    const rebuiltTables = [...sql.matchAll(/ALTER TABLE "new_(\w+)" RENAME TO "\1";/g)].map((m) => m[1]!);
    const rebuilt = recreate.filter((o) => rebuiltTables.includes(o.table));
    // Triggers that name another rebuilt table than their own go first and come back after:
    // SQLite's RENAME checks every trigger, and the table one names may be gone at that moment
    // (rebuilt tables go one by one; a table's own triggers go with its DROP TABLE).
    const names = (o: Recreate) => /^CREATE TRIGGER/i.test(o.sql) && rebuiltTables.some((t) => t !== o.table && o.sql.includes(`"${t}"`));
    const naming = provider === "sqlite" ? recreate.filter((o) => !rebuilt.includes(o) && names(o)) : [];
    if (!rebuilt.length && !naming.length) return sql;
    const drops = [...rebuilt.filter(names), ...naming].map((o) => `DROP TRIGGER "${o.name}";\n`).join("");
    const header = drops ? `-- Triggers naming a rebuilt table, dropped for the rebuild (recreated below)\n${drops}\n` : "";
    return `${header}${sql.trimEnd()}\n\n-- Recreate objects Prisma does not model (prisma/unmodeled.ts) that the rebuild dropped\n${[...rebuilt, ...naming].map((o) => o.sql).join("\n")}\n`;
  } finally {
    await shadow.close();
  }
}
