import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv, parseDatabaseUrl } from "@/lib/env";
import { providersFromConfig } from "@/server/suggestions/providers";

describe("configuration", () => {
  it("defaults to a SQLite file under data/", () => {
    const c = parseDatabaseUrl(undefined, "/srv/slant");
    expect(c).toMatchObject({ provider: "sqlite", file: "/srv/slant/data/slant.db" });
  });

  it("accepts PostgreSQL URLs", () => {
    expect(parseDatabaseUrl("postgresql://u@127.0.0.1:5432/slant").provider).toBe("postgresql");
    expect(parseDatabaseUrl("postgres://u:p@db/slant").provider).toBe("postgresql");
  });

  it.each([["mysql://root@localhost/slant"], ["postgresql://"], ["file:"], ["slant.db"]])(
    "rejects DATABASE_URL=%s with a message naming the variable",
    (url) => {
      expect(() => loadEnv({ DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => loadEnv({ DATABASE_URL: url })).toThrow(/^Configuration error: DATABASE_URL: /);
    },
  );

  it("names a malformed number variable", () => {
    expect(() => loadEnv({ PG_POOL_MAX: "lots" })).toThrow(/PG_POOL_MAX must be a whole number/);
  });

  it("trusts no proxy unless TRUST_PROXY_HOPS says how many", () => {
    expect(loadEnv({}).trustProxyHops).toBe(0);
    expect(loadEnv({ TRUST_PROXY_HOPS: "2" }).trustProxyHops).toBe(2);
    expect(() => loadEnv({ TRUST_PROXY_HOPS: "-1" })).toThrow(
      /^Configuration error: TRUST_PROXY_HOPS: TRUST_PROXY_HOPS must be a whole number from 0 to 20/,
    );
    expect(() => loadEnv({ TRUST_PROXY_HOPS: "yes" })).toThrow(/TRUST_PROXY_HOPS must be a whole number/);
  });

  it("stops `npm run db:migrate` (run at every start) with a clear message for a bad DATABASE_URL", () => {
    const r = spawnSync(process.execPath, ["scripts/run.mjs", "migrate"], {
      env: { ...process.env, DATABASE_URL: "mysql://root@localhost/slant", AUTH_SECRET: "x".repeat(40) },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Configuration error: DATABASE_URL:");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("runs only the built-in rules unless the site configures suggestion providers", () => {
    const none = loadEnv({});
    expect(none.suggest).toEqual({ timeoutMs: 60_000, maxBytes: 5_000_000 });
    expect(providersFromConfig(none.suggest).map((p) => p.id)).toEqual(["rules"]);
    const both = loadEnv({
      SUGGEST_HTTP_URL: "http://10.0.0.5:8787/",
      SUGGEST_CHAT_URL: "http://127.0.0.1:11434/v1/",
      SUGGEST_CHAT_MODEL: "llama3.1:8b",
      SUGGEST_CHAT_API_KEY: "sk-1",
      SUGGEST_PROVIDER_TIMEOUT_MS: "30000",
    });
    expect(both.suggest).toEqual({
      http: { url: "http://10.0.0.5:8787" },
      chat: { url: "http://127.0.0.1:11434/v1", model: "llama3.1:8b", apiKey: "sk-1" },
      timeoutMs: 30_000,
      maxBytes: 5_000_000,
    });
    const providers = providersFromConfig(both.suggest);
    expect(providers.map((p) => [p.id, p.timeoutMs])).toEqual([
      ["rules", undefined],
      ["http", 30_000],
      ["chat", 30_000],
    ]);
  });

  it.each([
    [
      { SUGGEST_HTTP_URL: "ftp://lab.example.org/" },
      /^Configuration error: SUGGEST_HTTP_URL: SUGGEST_HTTP_URL must start with http:\/\/ or https:\/\//,
    ],
    [{ SUGGEST_HTTP_URL: "10.0.0.5:8787" }, /^Configuration error: SUGGEST_HTTP_URL: SUGGEST_HTTP_URL must be an http\(s\) address/],
    [{ SUGGEST_CHAT_URL: "http://127.0.0.1:11434/v1" }, /^Configuration error: SUGGEST_CHAT_MODEL: is needed with SUGGEST_CHAT_URL/],
    [{ SUGGEST_CHAT_MODEL: "llama3.1:8b" }, /^Configuration error: SUGGEST_CHAT_URL: is needed with SUGGEST_CHAT_MODEL/],
    [{ SUGGEST_HTTP_API_KEY: "sk-1" }, /^Configuration error: SUGGEST_HTTP_API_KEY: is set but SUGGEST_HTTP_URL is not/],
    [{ SUGGEST_PROVIDER_TIMEOUT_MS: "soon" }, /SUGGEST_PROVIDER_TIMEOUT_MS must be a whole number/],
  ])("names the suggestion setting that is wrong: %o", (vars, message) => {
    expect(() => loadEnv(vars)).toThrow(message);
  });
});
