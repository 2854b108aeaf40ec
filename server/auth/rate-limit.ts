import "server-only";
import type { Db } from "@/server/db/client";
import { newId } from "@/lib/ids";

/** 10 failed sign-ins per account or per IP address within 15 minutes lock further tries for the rest of the window. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const ACTION = "auth.login_failed";

export class LoginLockedError extends Error {
  constructor(public readonly minutes: number) {
    super(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/**
 * Failed attempts are kept in the audit log (shared by every app instance through the database),
 * keyed by email and by IP address.
 */
export async function assertNotLocked(db: Db, email: string, ip: string | null) {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const keys = [{ entityType: "login_email", entityId: email }, ...(ip ? [{ entityType: "login_ip", entityId: ip }] : [])];
  for (const k of keys) {
    const recent = await db.auditEvent.findMany({
      where: { action: ACTION, ...k, createdAt: { gte: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    });
    if (recent.length >= LOGIN_MAX_FAILURES) {
      const unlock = recent[recent.length - LOGIN_MAX_FAILURES]!.createdAt.getTime() + LOGIN_WINDOW_MS;
      throw new LoginLockedError(Math.max(1, Math.ceil((unlock - Date.now()) / 60_000)));
    }
  }
}

export async function recordLoginFailure(db: Db, email: string, ip: string | null) {
  const rows = [{ entityType: "login_email", entityId: email }, ...(ip ? [{ entityType: "login_ip", entityId: ip }] : [])];
  await db.auditEvent.createMany({ data: rows.map((r) => ({ id: newId(), action: ACTION, ...r })) });
}

/** The client's address: the first X-Forwarded-For hop (set by the reverse proxy), else X-Real-IP. */
export function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const h = (name: string) => {
    const v = headers?.[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return h("x-forwarded-for")?.split(",")[0]?.trim() || h("x-real-ip")?.trim() || null;
}
