#!/usr/bin/env node
// npm run demo: install (if needed), migrate a SQLite database, load the demo workspace, build
// (if needed) and serve on http://localhost:3000 (PORT to change it). Safe to run again.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT ?? "3000";

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv } });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

const installed = path.join(root, "node_modules/.package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(path.join(root, "package-lock.json")).mtimeMs) {
  console.error("Installing dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

const { ensureAuthSecret, memoryEnv, nextStartArgs } = await import("./run.mjs");
ensureAuthSecret();
process.env.AUTH_TRUST_HOST ??= "true";
const { buildIfStale } = await import("./build-if-stale.mjs");
buildIfStale(root);
run(process.execPath, ["scripts/run.mjs", "migrate"]);
run(process.execPath, ["scripts/run.mjs", "seed-demo"]);

console.log(`\nSlant is starting on http://localhost:${port}  (sign in with a demo login above; Ctrl+C to stop)\n`);
const server = spawn(process.execPath, nextStartArgs(["-p", port]), {
  cwd: root,
  stdio: "inherit",
  env: memoryEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" }),
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
