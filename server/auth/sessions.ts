import "server-only";
import type { Db, Tx } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import { newId } from "@/lib/ids";

/**
 * Server-side sessions. The session cookie is a JWT that carries a Session row's id; the row is
 * read on every request (one lookup by primary key, no cache: a sign-out or revocation holds on
 * the next request, on every instance). Ending a session deletes its row.
 */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
/** lastSeenAt is written at most this often per session, so requests do not each cost a write. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface SessionUser {
  sessionId: string;
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/**
 * Opens a session for a user whose password `verifiedHash` was just checked. The user's row is
 * touched in the same transaction, on the condition that the password is still that one and the
 * user not disabled: a password change or a disable updates that row before deleting sessions, so
 * whichever comes second waits for the other's row lock, and a sign-in that checked the old
 * password cannot leave a session behind the change. Null when the condition failed.
 */
export async function createSession(userId: string, verifiedHash: string, now = new Date()): Promise<string | null> {
  const id = newId();
  const created = await writeTransaction(async (tx) => {
    await tx.session.create({ data: { id, userId, createdAt: now, lastSeenAt: now } });
    const still =
      await tx.$executeRaw`UPDATE "User" SET "passwordHash" = "passwordHash" WHERE "id" = ${userId} AND "passwordHash" = ${verifiedHash} AND "disabled" = false`;
    if (still !== 1) throw new SessionRefused();
    return true;
  }).catch((e: unknown) => {
    if (e instanceof SessionRefused) return false;
    throw e;
  });
  if (!created) return null;
  await pruneSessions(now);
  return id;
}

class SessionRefused extends Error {}

/** The session's user, when the session exists, is neither idle for 7 days nor older than 30, and its user is not disabled. */
export async function resumeSession(db: Db, sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const s = await db.session.findUnique({
    where: { id: sessionId },
    select: { createdAt: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true, isAdmin: true, disabled: true } } },
  });
  if (!s || s.user.disabled || expired(s, now)) return null;
  if (now.getTime() - s.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Conditional on the value read: of concurrent requests one writes; a deleted session stays deleted.
    await writeTransaction((tx) =>
      tx.session.updateMany({ where: { id: sessionId, lastSeenAt: s.lastSeenAt }, data: { lastSeenAt: now } }),
    );
  }
  const { id, email, name, isAdmin } = s.user;
  return { sessionId, id, email, name, isAdmin };
}

const expired = (s: { createdAt: Date; lastSeenAt: Date }, now: Date) =>
  now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MS || now.getTime() - s.createdAt.getTime() > SESSION_MAX_MS;

/** Sign-out: ends this session only. */
export async function endSession(sessionId: string) {
  await writeTransaction((tx) => tx.session.deleteMany({ where: { id: sessionId } }));
}

/** Ends a user's sessions, but `except` (the one changing its own password). Run it after updating the user's row (see createSession). */
export async function endUserSessions(tx: Tx, userId: string, except?: string) {
  await tx.session.deleteMany({ where: { userId, ...(except ? { id: { not: except } } : {}) } });
}

/** Deletes sessions that can no longer be resumed (run at each sign-in). */
export async function pruneSessions(now = new Date()) {
  await writeTransaction((tx) =>
    tx.session.deleteMany({
      where: {
        OR: [
          { lastSeenAt: { lt: new Date(now.getTime() - SESSION_IDLE_MS) } },
          { createdAt: { lt: new Date(now.getTime() - SESSION_MAX_MS) } },
        ],
      },
    }),
  );
}
