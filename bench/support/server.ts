/**
 * A real Slant server for benchmarks: a fresh database (SQLite file by default, or the PostgreSQL
 * URL given), migrated, the app built if stale, `next start` on a free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDatabaseUrl, type DatabaseConfig } from "@/lib/env";
import { migrate } from "@/server/db/migrate";

/** The project root, for spawning its scripts. */
export const root = path.resolve(import.meta.dirname, "../..");

export interface BenchServer {
  baseUrl: string;
  config: DatabaseConfig;
  pid: number;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies mid-request, as in a crash. */
  kill: () => Promise<void>;
}

export async function freshSqlite(): Promise<{ config: DatabaseConfig; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "slant-bench-"));
  const config = parseDatabaseUrl(`file:${path.join(dir, "bench.db")}`);
  await migrate(config);
  return { config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The auth secret of benchmark servers and CLI runs (none is generated into .env.local). */
export const benchAuthSecret = () => process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-123";

/** scripts/run.mjs's command lines, so benchmarks run the CLI and the server exactly as users do. */
export async function launchers() {
  return (await import(path.join(root, "scripts/run.mjs"))) as {
    commandArgs: (cmd: string, args: string[]) => string[];
    commandEnv: (cmd: string, args: string[], env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
    nextStartArgs: (args: string[], opts?: { heapFlags?: boolean }) => string[];
    memoryEnv: (env: NodeJS.ProcessEnv, opts?: { tuned?: boolean }) => NodeJS.ProcessEnv;
  };
}

/** `next start` as `npm start` runs it (scripts/run.mjs: with its memory settings, unless `heapFlags: false`). */
export async function startServer(
  config: DatabaseConfig,
  port: number,
  extraEnv: Record<string, string> = {},
  { heapFlags = true } = {},
): Promise<BenchServer> {
  const { buildIfStale } = (await import(path.join(root, "scripts/build-if-stale.mjs"))) as { buildIfStale: (r: string) => boolean };
  const { memoryEnv, nextStartArgs } = await launchers();
  buildIfStale(root);
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, nextStartArgs(["-p", String(port), "-H", "127.0.0.1"], { heapFlags }), {
    cwd: root,
    env: memoryEnv(
      {
        ...process.env,
        DATABASE_URL: config.url,
        NEXTAUTH_URL: baseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: benchAuthSecret(),
        ...extraEnv,
      },
      { tuned: heapFlags },
    ),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server on ${baseUrl} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = new Promise((r) => child.once("exit", r));
  return {
    baseUrl,
    config,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Signs in through next-auth's credentials flow and returns the Cookie header to send. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  keep(csrfRes);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return cookie();
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
