#!/usr/bin/env node
// Entry point for the project's scripts: loads .env files the way Next does, makes sure an auth
// secret exists (generated into .env.local on first start, never committed), then runs
// scripts/<command>.ts with the react-server condition (services import "server-only"); `start`
// runs `next start` with the heap flags below.
//   node scripts/run.mjs migrate | seed-demo | slant [args…] | start [next start's args…]
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextEnv from "@next/env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function ensureAuthSecret() {
  nextEnv.loadEnvConfig(root, process.env.NODE_ENV !== "production", { info() {}, error: console.error });
  if (process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET) return;
  const file = path.join(root, ".env.local");
  // Next skips .env.local when NODE_ENV is "test" (vitest): take a secret generated before rather than adding another.
  const generated = existsSync(file) && /^AUTH_SECRET=(.+)$/m.exec(readFileSync(file, "utf8"));
  if (generated) {
    process.env.AUTH_SECRET = generated[1].trim();
    return;
  }
  const secret = randomBytes(32).toString("base64url");
  const prefix = existsSync(file) && !readFileSync(file, "utf8").endsWith("\n") ? "\n" : "";
  appendFileSync(
    file,
    `${prefix}# Generated on first start; keep it secret, keep it the same on every instance.\nAUTH_SECRET=${secret}\n`,
    { mode: 0o600 },
  );
  process.env.AUTH_SECRET = secret;
  console.error("Generated AUTH_SECRET into .env.local");
}

const commands = { migrate: "scripts/migrate.ts", "seed-demo": "scripts/seed-demo.ts", slant: "scripts/slant.ts" };

/**
 * How each command loads TypeScript. `--import tsx` registers ESM hooks, which Node 20 runs on a
 * thread of their own (memory: bench/README.md); the CLI is CommonJS throughout, so tsx's require
 * hook (tsx/cjs) is enough. Migrations import the schema engine's WebAssembly as ESM: full tsx.
 */
const loaders = { migrate: ["--import", "tsx"], "seed-demo": ["--import", "tsx"], slant: ["--require", "tsx/cjs"] };

/**
 * Memory settings of the server and of `slant export`. An export's live heap stays small whatever
 * its size, but V8 lets the old generation fill with the rows' garbage up to its next limit (by
 * default ~4x the live heap; here 1.3x), and pretenuring, once it sees rows survive a scavenge or
 * two, allocates the following ones straight into the old generation. A lower growing percent
 * would mean more full collections under the label-save load, hence 30% (the figures that chose it:
 * bench/README.md). No hard cap: a package export, which computes its agreement report in memory,
 * or an import gets what it needs.
 */
export const HEAP_FLAGS = ["--max-semi-space-size=8", "--heap-growing-percent=30", "--no-allocation-site-pretenuring"];

/**
 * The environment of the processes HEAP_FLAGS apply to: glibc's malloc keeps an arena per thread
 * (up to 8 per core), and Node's helper threads (GC, compilation) leave memory resident in theirs
 * (bench/README.md). MALLOC_ARENA_MAX set in the environment wins; `tuned: false` adds nothing (V8's and glibc's defaults).
 */
export function memoryEnv(env, { tuned = true } = {}) {
  return tuned ? { MALLOC_ARENA_MAX: "2", ...env } : env;
}

/** The node arguments that run `cmd` (a key of `commands`) with `args`: what this script spawns. */
export function commandArgs(cmd, args) {
  const flags = isExport(cmd, args) ? HEAP_FLAGS : [];
  return [...flags, "--conditions=react-server", ...loaders[cmd], path.join(root, commands[cmd]), ...args];
}

const isExport = (cmd, args) => cmd === "slant" && args[0] === "export";

/** The environment that runs `cmd` with `args` (a key of `commands`): memoryEnv for an export. */
export function commandEnv(cmd, args, env) {
  return memoryEnv(env, { tuned: isExport(cmd, args) });
}

/**
 * The node arguments of `next start` with `args`, as every launcher runs it (npm start, demo, e2e,
 * benchmarks), to be run with memoryEnv; `heapFlags: false` for V8's defaults (the export
 * benchmark's comparison).
 */
export function nextStartArgs(args, { heapFlags = true } = {}) {
  return [...(heapFlags ? HEAP_FLAGS : []), path.join(root, "node_modules/next/dist/bin/next"), "start", ...args];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === "start") {
    // npm start (after migrate, which made sure of the auth secret): `next start` with the heap
    // flags, in a child that gets our signals. Next loads the .env files itself, for production.
    const server = spawn(process.execPath, nextStartArgs(args), { stdio: "inherit", cwd: root, env: memoryEnv(process.env) });
    for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
    server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else if (!commands[cmd ?? ""]) {
    console.error(`usage: node scripts/run.mjs start|${Object.keys(commands).join("|")} [args…]`);
    process.exit(2);
  } else {
    // `slant suggest` reads files and prints suggestions: no database, no sessions, no secret to make.
    if (!(cmd === "slant" && args[0] === "suggest")) ensureAuthSecret();
    const r = spawnSync(process.execPath, commandArgs(cmd, args), { stdio: "inherit", cwd: root, env: commandEnv(cmd, args, process.env) });
    process.exit(r.status ?? 1);
  }
}
