#!/usr/bin/env node
// Entry point for the project's scripts: loads .env files the way Next does, makes sure an auth
// secret exists (generated into .env.local on first start, never committed), then runs
// scripts/<command>.ts with the react-server condition (services import "server-only").
//   node scripts/run.mjs migrate | seed-demo | slant [args…]
import { spawnSync } from "node:child_process";
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
  const secret = randomBytes(32).toString("base64url");
  const prefix = existsSync(file) && !readFileSync(file, "utf8").endsWith("\n") ? "\n" : "";
  appendFileSync(file, `${prefix}# Generated on first start; keep it secret, keep it the same on every instance.\nAUTH_SECRET=${secret}\n`, { mode: 0o600 });
  process.env.AUTH_SECRET = secret;
  console.error("Generated AUTH_SECRET into .env.local");
}

const commands = { migrate: "scripts/migrate.ts", "seed-demo": "scripts/seed-demo.ts", slant: "scripts/slant.ts" };

/**
 * How each command loads TypeScript. `--import tsx` registers ESM hooks, which Node 20 runs on a
 * thread of their own (+33 MB resident); the CLI is CommonJS throughout, so tsx's require hook
 * (tsx/cjs, +6 MB) is enough. Migrations import the schema engine's WebAssembly as ESM: full tsx.
 */
const loaders = { migrate: ["--import", "tsx"], "seed-demo": ["--import", "tsx"], slant: ["--require", "tsx/cjs"] };

/**
 * V8 heap settings of `slant export`. Its live heap stays ~30 MB whatever the export's size, but
 * by default V8 lets the old generation grow to ~4x that between full collections, and the
 * export's rows pass through it: a 1M-label JSONL export peaked at 285 MB resident, with these
 * flags at 175-195 MB and the same speed (bench/export.bench.ts). No hard cap: a package export,
 * which computes its agreement report in memory, gets what it needs.
 */
export const EXPORT_NODE_FLAGS = ["--max-semi-space-size=8", "--heap-growing-percent=50"];

/** The node arguments that run `cmd` (a key of `commands`) with `args`: what this script spawns. */
export function commandArgs(cmd, args) {
  const flags = cmd === "slant" && args[0] === "export" ? EXPORT_NODE_FLAGS : [];
  return [...flags, "--conditions=react-server", ...loaders[cmd], path.join(root, commands[cmd]), ...args];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, ...args] = process.argv.slice(2);
  if (!commands[cmd ?? ""]) {
    console.error(`usage: node scripts/run.mjs ${Object.keys(commands).join("|")} [args…]`);
    process.exit(2);
  }
  ensureAuthSecret();
  const r = spawnSync(process.execPath, commandArgs(cmd, args), { stdio: "inherit", cwd: root, env: process.env });
  process.exit(r.status ?? 1);
}
