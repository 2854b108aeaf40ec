/**
 * A real, fresh database for each test file: a new SQLite file, or — when TEST_PG_URL is set
 * (npm run test:pg) — a new PostgreSQL database created on that server and dropped afterwards.
 */
import { afterAll, beforeAll } from "vitest";
import type { DatabaseConfig } from "@/lib/env";
import { migrate } from "@/server/db/migrate";
import { createTestDatabase } from "./databases";

export { createTestDatabase, usingPostgres } from "./databases";

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
