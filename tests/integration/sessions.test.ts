import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { authOptions } from "@/server/auth/options";
import { signInWithPassword } from "@/server/auth/sign-in";
import { createSession, LAST_SEEN_RESOLUTION_MS, resumeSession, SESSION_IDLE_MS, SESSION_MAX_MS } from "@/server/auth/sessions";
import { changeOwnPassword, createUser, resetPassword, setUserAdmin, setUserDisabled } from "@/server/users";
import { authenticateToken, createToken } from "@/server/tokens";
import { getDb } from "@/server/db/client";
import { InvalidError } from "@/server/errors";

useTestDatabase();

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let n = 0;
async function newUser(password = "a long password 1") {
  const email = `s${++n}@example.org`;
  const u = await createUser(SYSTEM_ACTOR, { email, name: `S ${n}`, password });
  return { ...u, password };
}

async function signIn(user: { email: string; password: string }, now?: Date) {
  const r = await signInWithPassword({ email: user.email, password: user.password }, "192.0.2.1", { now });
  expect(r).not.toBeNull();
  return r!.sessionId;
}

const live = async (sessionId: string, now?: Date) => (await resumeSession(await getDb(), sessionId, now)) !== null;
const actorOf = (u: { id: string; email: string; name: string }, sessionId: string): Actor => ({ ...u, isAdmin: false, sessionId });

describe("sessions", () => {
  it("sign-out ends that session only", async () => {
    const u = await newUser();
    const [laptop, phone] = [await signIn(u), await signIn(u)];
    expect(await live(laptop)).toBe(true);
    await authOptions.events!.signOut!({ token: { sid: laptop }, session: undefined as never });
    expect(await live(laptop)).toBe(false);
    expect(await live(phone)).toBe(true);
  });

  it("a password change ends every other session, keeps this one and the API tokens", async () => {
    const u = await newUser("old password 123");
    const [here, elsewhere, third] = [await signIn(u), await signIn(u), await signIn(u)];
    const { secret } = await createToken(actorOf(u, here), { name: "script", scope: "read" });
    await changeOwnPassword(actorOf(u, here), {
      currentPassword: "old password 123",
      newPassword: "new password 456",
      confirmPassword: "new password 456",
    });
    expect(await live(here)).toBe(true);
    expect(await live(elsewhere)).toBe(false);
    expect(await live(third)).toBe(false);
    expect((await authenticateToken(secret)).actor.id).toBe(u.id);
    // The new password signs in, the old one no longer does.
    expect(await signInWithPassword({ email: u.email, password: "old password 123" }, "192.0.2.2")).toBeNull();
    expect(await signIn({ email: u.email, password: "new password 456" })).toBeTruthy();
    const db = await getDb();
    expect(await db.auditEvent.count({ where: { action: "user.change_password", entityId: u.id } })).toBe(1);
  });

  it("a password change needs the current password and a valid new one, and changes nothing otherwise", async () => {
    const u = await newUser("mine password 1");
    const here = await signIn(u);
    const other = await signIn(u);
    const me = actorOf(u, here);
    const change = (currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
      changeOwnPassword(me, { currentPassword, newPassword, confirmPassword });
    await expect(change("not my password", "new password 789")).rejects.toThrow(/currentPassword: The current password is not correct/);
    await expect(change("mine password 1", "short")).rejects.toThrow(/newPassword: Password must be at least 10/);
    await expect(change("mine password 1", "password123")).rejects.toThrow(/most common/);
    await expect(change("mine password 1", "new password 789", "new password 780")).rejects.toThrow(
      /confirmPassword: The two new passwords differ/,
    );
    await expect(change("mine password 1", "mine password 1")).rejects.toThrow(InvalidError);
    // A token or the command line has no session whose others could end.
    await expect(
      changeOwnPassword(
        { ...me, sessionId: undefined },
        { currentPassword: "mine password 1", newPassword: "new password 789", confirmPassword: "new password 789" },
      ),
    ).rejects.toThrow(/Sign in/);
    expect(await live(other)).toBe(true);
    expect(await signIn(u)).toBeTruthy();
  });

  it("disabling a user, or an admin resetting their password, ends all their sessions; a role change does not", async () => {
    const u = await newUser();
    const a = await signIn(u);
    await setUserAdmin(SYSTEM_ACTOR, u.id, true);
    expect(await live(a)).toBe(true);
    await setUserDisabled(SYSTEM_ACTOR, u.id, true);
    expect(await live(a)).toBe(false);
    await setUserDisabled(SYSTEM_ACTOR, u.id, false);
    expect(await live(a)).toBe(false); // enabling again does not bring old sessions back
    const b = await signIn(u);
    await resetPassword(SYSTEM_ACTOR, u.id, "reset password 1");
    expect(await live(b)).toBe(false);
  });

  it("ends after 7 days without a request and after 30 days in all", async () => {
    const u = await newUser();
    const t0 = new Date("2026-01-01T00:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const idle = await signIn(u, t0);
    expect(await live(idle, at(SESSION_IDLE_MS))).toBe(true);
    expect(await live(idle, at(SESSION_IDLE_MS + SESSION_IDLE_MS + 1))).toBe(false);
    const busy = await signIn(u, t0);
    // Used every 6 days: never idle, yet over after 30 days.
    for (let d = 6; d < 30; d += 6) expect(await live(busy, at(d * DAY)), `day ${d}`).toBe(true);
    expect(await live(busy, at(SESSION_MAX_MS - HOUR))).toBe(true);
    expect(await live(busy, at(SESSION_MAX_MS + 1))).toBe(false);
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const u = await newUser();
    const t0 = new Date("2026-02-01T00:00:00Z");
    const id = await signIn(u, t0);
    const db = await getDb();
    const seen = async () => (await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();
    await resumeSession(db, id, new Date(t0.getTime() + LAST_SEEN_RESOLUTION_MS - 1));
    expect(await seen()).toBe(t0.getTime());
    await resumeSession(db, id, new Date(t0.getTime() + LAST_SEEN_RESOLUTION_MS));
    expect(await seen()).toBe(t0.getTime() + LAST_SEEN_RESOLUTION_MS);
  });

  it("a sign-in that checked the old password opens no session after the change", async () => {
    // The interleaving forced: the sign-in reads the hash, the password changes, then the session would be opened.
    const u = await newUser("before change 1");
    const here = await signIn(u);
    const db = await getDb();
    const oldHash = (await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash;
    await changeOwnPassword(actorOf(u, here), {
      currentPassword: "before change 1",
      newPassword: "after change 22",
      confirmPassword: "after change 22",
    });
    expect(await createSession(u.id, oldHash)).toBeNull();
    await setUserDisabled(SYSTEM_ACTOR, u.id, true);
    const newHash = (await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash;
    expect(await createSession(u.id, newHash)).toBeNull();
    expect(await db.session.count({ where: { userId: u.id } })).toBe(0);
  });

  it("sessions that can no longer be resumed are deleted at the next sign-in", async () => {
    const u = await newUser();
    const old = await signIn(u, new Date(Date.now() - SESSION_MAX_MS - DAY));
    await signIn(u);
    const db = await getDb();
    expect(await db.session.findUnique({ where: { id: old } })).toBeNull();
  });
});
