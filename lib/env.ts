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

/** An optional http(s) address; the message names the variable and shows an example. */
const providerUrl = (name: string, example: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      let u: URL;
      try {
        u = new URL(v.trim());
      } catch {
        ctx.addIssue({ code: "custom", message: `${name} must be an http(s) address such as ${example}, got "${v}"` });
        return z.NEVER;
      }
      if (u.protocol !== "http:" && u.protocol !== "https:") {
        ctx.addIssue({ code: "custom", message: `${name} must start with http:// or https:// (example: ${example})` });
        return z.NEVER;
      }
      return u.href.replace(/\/$/, "");
    });

const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);

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
  SUGGEST_HTTP_URL: providerUrl("SUGGEST_HTTP_URL", "http://127.0.0.1:8787/"),
  SUGGEST_HTTP_API_KEY: optionalText,
  SUGGEST_CHAT_URL: providerUrl("SUGGEST_CHAT_URL", "http://127.0.0.1:11434/v1"),
  SUGGEST_CHAT_MODEL: optionalText,
  SUGGEST_CHAT_API_KEY: optionalText,
  SUGGEST_PROVIDER_TIMEOUT_MS: intFrom("SUGGEST_PROVIDER_TIMEOUT_MS", 60_000, 100, 3_600_000),
  SUGGEST_PROVIDER_MAX_BYTES: intFrom("SUGGEST_PROVIDER_MAX_BYTES", 5_000_000, 1000, 100_000_000),
});

/**
 * The suggestion providers a site runs besides the built-in rules. Set by whoever runs the server
 * (environment), never by a project manager: a provider address makes the server call into the
 * lab's network.
 */
export interface SuggestConfig {
  /** A slant-suggest/1 service (lib/suggest/protocol.ts). */
  http?: { url: string; apiKey?: string };
  /** An OpenAI-compatible API's base address (…/v1): Slant POSTs to `${url}/chat/completions`. */
  chat?: { url: string; model: string; apiKey?: string };
  /** Per document and provider call. */
  timeoutMs: number;
  /** Largest reply read from a provider. */
  maxBytes: number;
}

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
  suggest: SuggestConfig;
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
  if (e.SUGGEST_CHAT_URL && !e.SUGGEST_CHAT_MODEL) {
    throw new ConfigError("SUGGEST_CHAT_MODEL", "is needed with SUGGEST_CHAT_URL: the model to ask (for example llama3.1:8b)");
  }
  if (e.SUGGEST_CHAT_MODEL && !e.SUGGEST_CHAT_URL) {
    throw new ConfigError(
      "SUGGEST_CHAT_URL",
      "is needed with SUGGEST_CHAT_MODEL: the API's base address (for example http://127.0.0.1:11434/v1)",
    );
  }
  for (const [key, url] of [
    ["SUGGEST_HTTP_API_KEY", e.SUGGEST_HTTP_URL],
    ["SUGGEST_CHAT_API_KEY", e.SUGGEST_CHAT_URL],
  ] as const) {
    if (e[key] && !url) throw new ConfigError(key, `is set but ${key.replace("_API_KEY", "_URL")} is not: the key would be sent nowhere`);
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
    suggest: {
      ...(e.SUGGEST_HTTP_URL
        ? { http: { url: e.SUGGEST_HTTP_URL, ...(e.SUGGEST_HTTP_API_KEY ? { apiKey: e.SUGGEST_HTTP_API_KEY } : {}) } }
        : {}),
      ...(e.SUGGEST_CHAT_URL && e.SUGGEST_CHAT_MODEL
        ? {
            chat: {
              url: e.SUGGEST_CHAT_URL,
              model: e.SUGGEST_CHAT_MODEL,
              ...(e.SUGGEST_CHAT_API_KEY ? { apiKey: e.SUGGEST_CHAT_API_KEY } : {}),
            },
          }
        : {}),
      timeoutMs: e.SUGGEST_PROVIDER_TIMEOUT_MS,
      maxBytes: e.SUGGEST_PROVIDER_MAX_BYTES,
    },
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
