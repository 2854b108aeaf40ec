/**
 * A real, fresh database for each test file: a new SQLite file, or — when TEST_PG_URL is set
 * (npm run test:pg) — a new PostgreSQL database created on that server and dropped afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { parseDatabaseUrl, type DatabaseConfig } from "@/lib/env";
import { migrate } from "@/server/db/migrate";

export const usingPostgres = () => !!process.env.TEST_PG_URL;

export async function createTestDatabase(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const pgUrl = process.env.TEST_PG_URL;
  if (pgUrl) {
    const pg = (await import("pg")).default;
    const name = `slant_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    return {
      config: parseDatabaseUrl(u.toString()),
      drop: async () => {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "slant-test-"));
  return {
    config: parseDatabaseUrl(`file:${path.join(dir, "test.db")}`),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Registers hooks: a migrated database in DATABASE_URL for this file's tests. */
export function useTestDatabase() {
  let drop: (() => Promise<void>) | undefined;
  const state: { config?: DatabaseConfig } = {};
  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    state.config = db.config;
    process.env.DATABASE_URL = db.config.url;
    process.env.PASSWORD_HASH_MEMORY_KIB ??= "4096"; // fast hashing in tests; production default is 64 MiB
    await migrate(db.config);
  });
  afterAll(async () => {
    const { disconnectDb } = await import("@/server/db/client");
    await disconnectDb();
    await drop?.();
  });
  return state;
}
