/**
 * Prisma tooling that works offline (the Prisma CLI's schema-engine download is unreachable here).
 *
 *   tsx scripts/prisma.mts generate      render the PostgreSQL schema and generate both clients
 *   tsx scripts/prisma.mts diff <name>   write a new migration for both providers from schema.prisma
 *   tsx scripts/prisma.mts check         fail when the committed migrations do not reproduce schema.prisma
 *
 * diff and check take `--provider sqlite|postgresql` (default both) and `--root DIR` (default this
 * project: tests point it at a copy). They need node's --experimental-wasm-modules (npm run db:diff,
 * npm run db:check).
 * One logical schema: prisma/schema.prisma (SQLite). The PostgreSQL variant differs only in
 * provider and output, and is rendered into prisma/.generated/ (not committed).
 * Migrations live in prisma/migrations/<provider>/<timestamp>_<name>/migration.sql, Prisma's
 * standard layout, so `prisma migrate deploy` also works wherever the engine binary is available.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrationsDir, pendingSchemaChange, pgSchemaPath, PROVIDERS, schemaFor, type Provider } from "./schema-diff.mjs";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { provider: { type: "string" }, root: { type: "string" } } });
const root = path.resolve(values.root ?? path.join(import.meta.dirname, ".."));
const providers = values.provider ? [values.provider as Provider] : PROVIDERS;
if (!providers.every((p) => PROVIDERS.includes(p))) throw new Error(`--provider: use ${PROVIDERS.join(" or ")}`);

function generate() {
  schemaFor(root, "postgresql");
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  for (const schema of [path.join(root, "prisma/schema.prisma"), pgSchemaPath(root)]) {
    execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", schema], {
      stdio: "inherit",
      env,
    });
  }
}

async function diff(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name "${name}": use lowercase letters, digits and _`);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of providers) {
    const sql = await pendingSchemaChange(root, provider);
    if (!sql) {
      console.log(`${provider}: no changes`);
      continue;
    }
    const dir = path.join(migrationsDir(root, provider), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    writeFileSync(
      path.join(migrationsDir(root, provider), "migration_lock.toml"),
      `# Written by scripts/prisma.mts; Prisma's format.\nprovider = "${provider}"\n`,
    );
    console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
  }
}

async function check() {
  let drift = false;
  for (const provider of providers) {
    const sql = await pendingSchemaChange(root, provider);
    if (!sql) {
      console.log(`${provider}: the committed migrations reproduce prisma/schema.prisma`);
      continue;
    }
    drift = true;
    console.error(
      `${provider}: prisma/schema.prisma differs from what the committed migrations build. ` +
        `Run \`npm run db:diff -- <name>\` (after \`git rebase main\`) and commit the migrations. The missing change:\n${sql}`,
    );
  }
  if (drift) process.exitCode = 1;
}

const [cmd, arg] = positionals;
try {
  if (cmd === "generate") generate();
  else if (cmd === "diff" && arg) await diff(arg);
  else if (cmd === "check") await check();
  else {
    console.error("usage: tsx scripts/prisma.mts generate | diff <name> | check  [--provider sqlite|postgresql] [--root DIR]");
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
process.exit();
