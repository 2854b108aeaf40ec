import path from "node:path";
import { z } from "zod";

/**
 * Configuration from the environment, validated once. Every variable is listed in README.md.
 * A bad value stops the process with a sentence naming the variable, never a stack trace later.
 */
export type DatabaseConfig = { provider: "sqlite"; url: string; file: string } | { provider: "postgresql"; url: string };

const DEFAULT_SQLITE_URL = "file:./data/slant.db";

export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseConfig {
  const url = (raw ?? "").trim() || DEFAULT_SQLITE_URL;
  if (url.startsWith("file:")) {
    const rel = url.slice("file:".length).replace(/^\/\//, "");
    if (!rel) throw new ConfigError("DATABASE_URL", `"${url}" has no file path (example: file:./data/slant.db)`);
    return { provider: "sqlite", url, file: path.resolve(cwd, rel) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(
        "DATABASE_URL",
        `"${redact(url)}" is not a valid PostgreSQL URL (example: postgresql://user@127.0.0.1:5432/slant)`,
      );
    }
    if (!parsed.hostname || parsed.pathname.length < 2) {
      throw new ConfigError(
        "DATABASE_URL",
        `"${redact(url)}" needs a host and a database name (example: postgresql://user@127.0.0.1:5432/slant)`,
      );
    }
    return { provider: "postgresql", url };
  }
  throw new ConfigError(
    "DATABASE_URL",
    `"${redact(url)}" is neither a SQLite file URL (file:./data/slant.db) nor a PostgreSQL URL (postgresql://…)`,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, "//$1:***@");
}

export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    detail: string,
  ) {
    super(`Configuration error: ${variable}: ${detail}`);
    this.name = "ConfigError";
  }
}

const intFrom = (name: string, def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.url({ message: "NEXTAUTH_URL must be an absolute URL such as http://localhost:3000" }).optional(),
  SQLITE_BUSY_TIMEOUT_MS: intFrom("SQLITE_BUSY_TIMEOUT_MS", 5000, 0, 600_000),
  PG_POOL_MAX: intFrom("PG_POOL_MAX", 10, 1, 500),
  PASSWORD_HASH_MEMORY_KIB: intFrom("PASSWORD_HASH_MEMORY_KIB", 65536, 1024, 4_194_304),
  IMPORT_STALE_AFTER_MS: intFrom("IMPORT_STALE_AFTER_MS", 120_000, 1000, 86_400_000),
  TRUST_PROXY_HOPS: intFrom("TRUST_PROXY_HOPS", 0, 0, 20),
  IMPORT_PARSE_TIMEOUT_MS: intFrom("IMPORT_PARSE_TIMEOUT_MS", 60_000, 100, 3_600_000),
  IMPORT_PARSE_MEMORY_MB: intFrom("IMPORT_PARSE_MEMORY_MB", 1024, 64, 65_536),
});

export interface AppEnv {
  database: DatabaseConfig;
  authSecret: string | undefined;
  sqliteBusyTimeoutMs: number;
  pgPoolMax: number;
  passwordHashMemoryKib: number;
  /** An import job untouched this long, and not running in this process, was interrupted. */
  importStaleAfterMs: number;
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are believed (lib/auth/client-address.ts). */
  trustProxyHops: number;
  /** Longest an upload's file (or zip entry) may take to parse before the parse is stopped. */
  importParseTimeoutMs: number;
  /** Heap of the worker thread that parses an upload. */
  importParseMemoryMb: number;
}

export function loadEnv(source: Record<string, string | undefined> = process.env): AppEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(variable, issue.message);
  }
  const e = parsed.data;
  const secret = e.AUTH_SECRET || e.NEXTAUTH_SECRET;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError(
      e.AUTH_SECRET ? "AUTH_SECRET" : "NEXTAUTH_SECRET",
      "must be at least 32 characters (generate one with: openssl rand -base64 32)",
    );
  }
  return {
    database: parseDatabaseUrl(e.DATABASE_URL),
    authSecret: secret,
    sqliteBusyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    pgPoolMax: e.PG_POOL_MAX,
    passwordHashMemoryKib: e.PASSWORD_HASH_MEMORY_KIB,
    importStaleAfterMs: e.IMPORT_STALE_AFTER_MS,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    importParseTimeoutMs: e.IMPORT_PARSE_TIMEOUT_MS,
    importParseMemoryMb: e.IMPORT_PARSE_MEMORY_MB,
  };
}

let cached: AppEnv | undefined;
export function env(): AppEnv {
  cached ??= loadEnv();
  return cached;
}

/** Forget the validated environment (a benchmark that switches DATABASE_URL between runs). */
export function resetEnvCache() {
  cached = undefined;
}
