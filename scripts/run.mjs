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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, ...args] = process.argv.slice(2);
  const script = commands[cmd ?? ""];
  if (!script) {
    console.error(`usage: node scripts/run.mjs ${Object.keys(commands).join("|")} [args…]`);
    process.exit(2);
  }
  ensureAuthSecret();
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, script), ...args], {
    stdio: "inherit",
    cwd: root,
    env: process.env,
  });
  process.exit(r.status ?? 1);
}
