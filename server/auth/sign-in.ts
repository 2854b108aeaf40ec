import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import { createSession } from "@/server/auth/sessions";
import { beginLoginAttempt, loginSucceeded, pruneLoginFailures } from "@/server/auth/rate-limit";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  /** The session opened for this sign-in (the session cookie carries it). */
  sessionId: string;
}

export interface SignInClock {
  now?: Date;
  /** Waits before answering (the account's delay); tests record it instead. */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Email and password from `address`: the user, or null for every kind of failure (one outcome,
 * so the answer does not reveal whether the account exists). A locked (account, address) pair or
 * address throws LoginLockedError, whose message next-auth passes to the sign-in page.
 */
export async function signInWithPassword(raw: unknown, address: string, clock: SignInClock = {}): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const now = clock.now ?? new Date();
  const db = await getDb();
  const attempt = await beginLoginAttempt(db, email, address, now);
  if (attempt.delayMs > 0) await (clock.sleep ?? wait)(attempt.delayMs);
  const user = await db.user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  const sessionId = user && ok && !user.disabled ? await createSession(user.id, user.passwordHash, now) : null;
  if (!user || !sessionId) {
    await pruneLoginFailures(now);
    return null;
  }
  await loginSucceeded(attempt);
  return { id: user.id, email: user.email, name: user.name, sessionId };
}
