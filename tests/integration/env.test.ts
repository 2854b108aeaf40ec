import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv, parseDatabaseUrl } from "@/lib/env";

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
});
