#!/usr/bin/env node
// npm run test:pg: the integration and e2e suites against PostgreSQL, each run in its own freshly
// created database (dropped afterwards). PG_TEST_URL names the server's admin connection
// (default postgresql://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const adminUrl = process.env.PG_TEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `slant_e2e_${process.pid}`;

async function admin(sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function run(args, env) {
  const r = spawnSync("npx", args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  return r.status ?? 1;
}

try {
  await admin("SELECT 1");
} catch (e) {
  console.error(`Cannot reach PostgreSQL at ${adminUrl.replace(/:[^:@/]+@/, ":***@")}: ${e.message}`);
  process.exit(1);
}
await admin(`CREATE DATABASE ${name}`);
const e2eUrl = new URL(adminUrl);
e2eUrl.pathname = `/${name}`;
let status = 0;
try {
  console.log("== integration and system tests on PostgreSQL (two app instances)");
  status = run(["vitest", "run", "tests/integration", "tests/system"], { TEST_PG_URL: adminUrl });
  if (status === 0) {
    console.log("== e2e tests on PostgreSQL");
    status = run(["playwright", "test"], { E2E_DATABASE_URL: e2eUrl.toString() });
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
}
process.exit(status);
