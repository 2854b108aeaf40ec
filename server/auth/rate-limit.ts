import "server-only";
import type { Db } from "@/server/db/client";
import { newId } from "@/lib/ids";
import { writeTransaction } from "@/server/db/transaction";

/**
 * Sign-in limits, kept in the LoginFailure table (shared by every app instance through the
 * database; the audit log stays append-only). Within a window of 15 minutes:
 * - one address may fail 10 times for one account, then that (account, address) pair is locked;
 * - one address may fail 50 times across accounts (password spraying), then it is locked;
 * - an account is never locked for everyone (that would let anyone lock its owner out): each
 *   failure past the fifth, from any address, doubles a delay before every answer for it, up to 8 s.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const PAIR_MAX_FAILURES = 10;
export const ADDRESS_MAX_FAILURES = 50;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_DELAY_BASE_MS = 250;
export const ACCOUNT_DELAY_MAX_MS = 8000;

export class LoginLockedError extends Error {
  constructor(public readonly minutes: number) {
    super(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/** How long to wait before answering a sign-in for an account that failed `failures` times in the window. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_DELAY_MAX_MS, ACCOUNT_DELAY_BASE_MS * 2 ** (failures - ACCOUNT_FREE_FAILURES));
}

export interface LoginAttempt {
  id: string;
  email: string;
  address: string;
  /** Wait this long before checking the password. */
  delayMs: number;
}

/**
 * Starts a sign-in attempt. It is written as a failure first, then the limits are counted: so
 * concurrent guesses (on several instances too) count each other, and at most the limit of them
 * get their password checked; without that, a burst of requests would all pass a check made
 * before any of them was recorded. A refused attempt is removed again (it guessed nothing).
 * The failure is committed on its own, before the counts (a transaction around both would hide
 * concurrent attempts from each other on PostgreSQL); `db` is for the reads.
 */
export async function beginLoginAttempt(db: Db, email: string, address: string, now = new Date()): Promise<LoginAttempt> {
  const id = newId();
  await writeTransaction((tx) => tx.loginFailure.create({ data: { id, email, address, createdAt: now } }));
  const others = { id: { not: id }, createdAt: { gte: new Date(now.getTime() - LOGIN_WINDOW_MS) } };
  // The limit-th most recent other failure: while it is in the window, the limit is reached.
  const nth = (where: object, limit: number) =>
    db.loginFailure.findFirst({
      where: { ...others, ...where },
      orderBy: { createdAt: "desc" },
      skip: limit - 1,
      select: { createdAt: true },
    });
  const [pair, fromAddress, forAccount] = await Promise.all([
    nth({ email, address }, PAIR_MAX_FAILURES),
    nth({ address }, ADDRESS_MAX_FAILURES),
    db.loginFailure.count({ where: { ...others, email } }),
  ]);
  const oldest = [pair, fromAddress].flatMap((r) => (r ? [r.createdAt.getTime()] : []));
  if (oldest.length) {
    await writeTransaction((tx) => tx.loginFailure.deleteMany({ where: { id } }));
    const unlock = Math.max(...oldest) + LOGIN_WINDOW_MS;
    throw new LoginLockedError(Math.max(1, Math.ceil((unlock - now.getTime()) / 60_000)));
  }
  return { id, email, address, delayMs: accountDelayMs(forAccount) };
}

/** The password was right: this address's failures for the account are forgotten. */
export async function loginSucceeded(attempt: LoginAttempt) {
  await writeTransaction((tx) => tx.loginFailure.deleteMany({ where: { email: attempt.email, address: attempt.address } }));
}

/** Deletes failures older than the window (after each failure: the table holds 15 minutes of them); returns how many. */
export async function pruneLoginFailures(now = new Date()): Promise<number> {
  const { count } = await writeTransaction((tx) =>
    tx.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_WINDOW_MS) } } }),
  );
  return count;
}
