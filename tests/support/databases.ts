/**
 * A real, fresh database: a new SQLite file, or — when TEST_PG_URL is set (npm run test:pg) — a
 * new PostgreSQL database created on that server and dropped afterwards. No test framework here,
 * so benchmarks can use it too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDatabaseUrl, type DatabaseConfig } from "@/lib/env";

export const usingPostgres = () => !!process.env.TEST_PG_URL;

export async function createTestDatabase(pgUrl = process.env.TEST_PG_URL): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
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
