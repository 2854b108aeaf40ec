/**
 * Sign-in writes (the LoginFailure rows, the session) and another SQLite connection. The import
 * connection (server/db/client.ts getBulkDb) and a command-line process write to the same file;
 * while one of them holds SQLite's write lock past the busy timeout, a write fails with
 * SQLITE_BUSY. Writes go through writeTransaction, which runs them again; a failed sign-in that
 * wrote its row directly answered with a server error instead, and the failure went uncounted.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { useTestDatabase, usingPostgres } from "../support/db";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { signInWithPassword } from "@/server/auth/sign-in";
import { getDb } from "@/server/db/client";
import { resetEnvCache } from "@/lib/env";
import { createUser } from "@/server/users";

const state = useTestDatabase();

/**
 * Holds the write lock on another connection while `write` starts, and releases it once `write`
 * has had its first go (its first attempt waits out the busy timeout, then fails).
 */
async function whileLockedElsewhere<T>(write: () => Promise<T>): Promise<T> {
  const config = state.config!;
  if (config.provider !== "sqlite") throw new Error("SQLite only");
  const other = new Database(config.file);
  other.exec("BEGIN IMMEDIATE");
  const result = write().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  other.exec("COMMIT");
  other.close();
  const r = await result;
  if (!r.ok) throw r.error;
  return r.value;
}

describe.skipIf(usingPostgres())("sign-in writes while another connection holds SQLite's write lock", () => {
  it("a failed sign-in is counted, and a right password opens a session, once the lock is released", async () => {
    process.env.SQLITE_BUSY_TIMEOUT_MS = "200"; // each blocked attempt waits this long before it fails
    resetEnvCache();
    const db = await getDb();
    const user = await createUser(SYSTEM_ACTOR, { email: "busy@example.org", name: "Busy", password: "a long password 1" });

    expect(await whileLockedElsewhere(() => signInWithPassword({ email: user.email, password: "not it" }, "192.0.2.90"))).toBeNull();
    expect(await db.loginFailure.count({ where: { email: user.email, address: "192.0.2.90" } })).toBe(1);

    const signedIn = await whileLockedElsewhere(() =>
      signInWithPassword({ email: user.email, password: "a long password 1" }, "192.0.2.90"),
    );
    expect(signedIn).not.toBeNull();
    expect(await db.session.count({ where: { id: signedIn!.sessionId, userId: user.id } })).toBe(1);
    expect(await db.loginFailure.count({ where: { email: user.email, address: "192.0.2.90" } })).toBe(0);
  });
});
