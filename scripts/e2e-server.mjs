#!/usr/bin/env node
// The server Playwright tests run against: a fresh database (E2E_DATABASE_URL, default a new
// SQLite file), migrated and loaded with the demo workspace, then `next start` on E2E_PORT.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfStale } from "./build-if-stale.mjs";
import { ensureAuthSecret, memoryEnv, nextStartArgs } from "./run.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.E2E_PORT ?? "3100";
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL must be set by playwright.config.ts");
if (url.startsWith("file:")) {
  const file = path.resolve(root, url.slice(5));
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}
ensureAuthSecret();
for (const cmd of ["migrate", "seed-demo"]) {
  const r = spawnSync(process.execPath, ["scripts/run.mjs", cmd], { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
buildIfStale(root);
const server = spawn(process.execPath, nextStartArgs(["-p", port, "-H", "127.0.0.1"]), {
  cwd: root,
  stdio: "inherit",
  env: memoryEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" }),
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
