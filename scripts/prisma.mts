/**
 * Prisma tooling that works offline (the Prisma CLI's schema-engine download is unreachable here).
 *
 *   tsx scripts/prisma.mts generate      render the PostgreSQL schema and generate both clients
 *   tsx scripts/prisma.mts diff <name>   write a new migration for both providers from schema.prisma
 *
 * One logical schema: prisma/schema.prisma (SQLite). The PostgreSQL variant differs only in
 * provider and output, and is rendered into prisma/.generated/ (not committed).
 * Migrations live in prisma/migrations/<provider>/<timestamp>_<name>/migration.sql, Prisma's
 * standard layout, so `prisma migrate deploy` also works wherever the engine binary is available.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sourceSchema = path.join(root, "prisma/schema.prisma");
const pgSchema = path.join(root, "prisma/.generated/postgresql/schema.prisma");
type Provider = "sqlite" | "postgresql";

function renderPostgres(): string {
  const text = readFileSync(sourceSchema, "utf8");
  const out = text
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"..\/lib\/generated\/sqlite"/, 'output   = "../../../lib/generated/pg"');
  if (!out.includes('"postgresql"') || !out.includes("lib/generated/pg")) {
    throw new Error("prisma/schema.prisma: could not find the sqlite provider or client output line to render");
  }
  mkdirSync(path.dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, out);
  return out;
}

function generate() {
  renderPostgres();
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  for (const schema of [sourceSchema, pgSchema]) {
    execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", schema], {
      stdio: "inherit",
      env,
    });
  }
}

function migrationsDir(provider: Provider) {
  return path.join(root, "prisma/migrations", provider);
}

function existingMigrations(provider: Provider) {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

async function diff(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name "${name}": use lowercase letters, digits and _`);
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const filters = { externalTables: [], externalEnums: [] };

  for (const provider of ["sqlite", "postgresql"] as Provider[]) {
    const datamodel = provider === "sqlite" ? readFileSync(sourceSchema, "utf8") : renderPostgres();
    const schemaPath = provider === "sqlite" ? sourceSchema : pgSchema;
    const existing = existingMigrations(provider);
    // A throw-away database holding the committed migrations is the "from" side of the diff.
    let factory: unknown;
    let cleanup = async () => {};
    if (provider === "sqlite") {
      const dir = mkdtempSync(path.join(tmpdir(), "slant-diff-"));
      const file = path.join(dir, "shadow.db");
      const Database = (await import("better-sqlite3")).default;
      const db = new Database(file);
      for (const m of existing) db.exec(m.sql);
      db.close();
      const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
      factory = new PrismaBetterSqlite3({ url: `file:${file}` });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const base = process.env.SHADOW_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
      const dbName = `slant_shadow_${process.pid}`;
      const pg = (await import("pg")).default;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.query(`CREATE DATABASE ${dbName}`);
      const url = new URL(base);
      url.pathname = `/${dbName}`;
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      for (const m of existing) await c.query(m.sql);
      await c.end();
      const { PrismaPg } = await import("@prisma/adapter-pg");
      // Introspection reads the internal "char" type (OID 18), which the adapter cannot decode:
      // report such columns as text (OID 25).
      const pool = new pg.Pool({ connectionString: url.toString() });
      const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }>;
      (pool as unknown as { query: unknown }).query = async (...a: unknown[]) => {
        const r = await query(...a);
        for (const f of r.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
        return r;
      };
      factory = new PrismaPg(pool);
      cleanup = async () => {
        await pool.end();
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
      };
    }
    const logs: string[] = [];
    const engine = await SchemaEngine.new(
      { datamodels: [[schemaPath, datamodel]] },
      (msg: string) => logs.push(msg),
      bindMigrationAwareSqlAdapterFactory(factory as never),
    );
    const from =
      existing.length === 0
        ? { tag: "empty" as const }
        : { tag: "schemaDatasource" as const, files: [{ path: schemaPath, content: datamodel }], configDir: root };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters,
    } as never);
    const sql = (result as { stdout: string }).stdout;
    await cleanup();
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log(`${provider}: no changes`);
      continue;
    }
    const dir = path.join(migrationsDir(provider), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    writeFileSync(
      path.join(migrationsDir(provider), "migration_lock.toml"),
      `# Written by scripts/prisma.mts; Prisma's format.\nprovider = "${provider}"\n`,
    );
    console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
  }
}

const [cmd, arg] = process.argv.slice(2);
try {
  if (cmd === "generate") generate();
  else if (cmd === "diff" && arg) await diff(arg);
  else {
    console.error("usage: tsx scripts/prisma.mts generate | diff <name>");
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
process.exit();
