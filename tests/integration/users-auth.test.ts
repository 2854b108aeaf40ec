import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser, listUsers, resetPassword, setUserDisabled } from "@/server/users";
import { authOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";

useTestDatabase();

type Authorize = (c: Record<string, string>, req: unknown) => Promise<{ id: string; sessionId: string } | null>;
const authorizeFrom = (email: string, password: string, req: unknown) =>
  (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize({ email, password }, req);
const authorize = (email: string, password: string) => authorizeFrom(email, password, {});

describe("users and sign-in", () => {
  it("signs in with the right password and not with a wrong one or an unknown email", async () => {
    const u = await createUser(SYSTEM_ACTOR, { email: "Alice@Example.org", name: "Alice", password: "correct horse battery" });
    expect(u.email).toBe("alice@example.org");
    const db = await getDb();
    const stored = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await authorize("alice@example.org", "correct horse battery")).toMatchObject({ id: u.id });
    expect(await authorize("ALICE@example.org ", "correct horse battery")).toMatchObject({ id: u.id });
    expect(await authorize("alice@example.org", "wrong password!!")).toBeNull();
    expect(await authorize("nobody@example.org", "correct horse battery")).toBeNull();
    expect(await authorize("not-an-email", "x")).toBeNull();
  });

  it("takes the client's address from the socket, not from X-Forwarded-For (TRUST_PROXY_HOPS=0)", async () => {
    await createUser(SYSTEM_ACTOR, { email: "erin@example.org", name: "Erin", password: "erin password 1" });
    const from = (xff: string) => ({ headers: { [SOCKET_ADDRESS_HEADER]: "203.0.113.5", "x-forwarded-for": xff } });
    expect(await authorizeFrom("erin@example.org", "wrong password", from("192.0.2.1"))).toBeNull();
    const db = await getDb();
    expect(await db.loginFailure.findMany({ where: { email: "erin@example.org" }, select: { address: true } })).toEqual([
      { address: "203.0.113.5" },
    ]);
  });

  it("refuses the most common passwords", async () => {
    await expect(createUser(SYSTEM_ACTOR, { email: "f@example.org", name: "F", password: "password123" })).rejects.toThrow(/most common/);
  });

  it("refuses a disabled user and ends their sessions", async () => {
    const u = await createUser(SYSTEM_ACTOR, { email: "bob@example.org", name: "Bob", password: "bob password 123" });
    const before = await authorize("bob@example.org", "bob password 123");
    expect(before).not.toBeNull();
    await setUserDisabled(SYSTEM_ACTOR, u.id, true);
    expect(await authorize("bob@example.org", "bob password 123")).toBeNull();
    const db = await getDb();
    expect(await db.session.count({ where: { userId: u.id } })).toBe(0);
    await setUserDisabled(SYSTEM_ACTOR, u.id, false);
    expect(await authorize("bob@example.org", "bob password 123")).not.toBeNull();
  });

  it("resets a password: the old one stops working", async () => {
    const u = await createUser(SYSTEM_ACTOR, { email: "carol@example.org", name: "Carol", password: "carol password 1" });
    await resetPassword(SYSTEM_ACTOR, u.id, "carol password 2");
    expect(await authorize("carol@example.org", "carol password 1")).toBeNull();
    expect(await authorize("carol@example.org", "carol password 2")).not.toBeNull();
  });

  it("validates input and refuses duplicates, writing nothing", async () => {
    const db = await getDb();
    const count = await db.user.count();
    await expect(createUser(SYSTEM_ACTOR, { email: "bad", name: "X", password: "long enough pw" })).rejects.toThrow(InvalidError);
    await expect(createUser(SYSTEM_ACTOR, { email: "d@example.org", name: "D", password: "short" })).rejects.toThrow(
      /password: Password must be at least 10/,
    );
    await expect(createUser(SYSTEM_ACTOR, { email: "alice@example.org", name: "A2", password: "long enough pw" })).rejects.toThrow(
      ConflictError,
    );
    expect(await db.user.count()).toBe(count);
  });

  it("creates a user once when the same e-mail is created several times at once; the others are refused as a conflict", async () => {
    // On PostgreSQL both transactions read the e-mail as free; the later insert's unique violation
    // must read as the conflict it is, not as a server error.
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        createUser(SYSTEM_ACTOR, { email: "twice@example.org", name: `T${i}`, password: "long enough pw" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect(String((r as PromiseRejectedResult).reason.message)).toBe("A user with the email twice@example.org already exists");
    }
    const db = await getDb();
    expect(await db.user.count({ where: { email: "twice@example.org" } })).toBe(1);
  });

  it("hides user administration from non-admins and audits admin changes", async () => {
    const u = await createUser(SYSTEM_ACTOR, { email: "dave@example.org", name: "Dave", password: "dave password 1" });
    const dave: Actor = { id: u.id, email: u.email, name: u.name, isAdmin: false };
    await expect(listUsers(dave)).rejects.toThrow(NotFoundError);
    await expect(createUser(dave, { email: "e@example.org", name: "E", password: "long enough pw" })).rejects.toThrow(NotFoundError);
    await expect(setUserDisabled(dave, u.id, true)).rejects.toThrow(NotFoundError);
    const db = await getDb();
    const events = await db.auditEvent.findMany({ where: { entityId: u.id } });
    expect(events.map((e) => e.action)).toEqual(["user.create"]);
  });
});
