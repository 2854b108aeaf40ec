import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { authOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { UnauthenticatedError } from "@/server/errors";

/** Who is acting. Services take it as their first argument and check it in their queries. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The command line (`npm run slant`), run by whoever operates the server: acts as an admin. */
  system?: boolean;
}

export const SYSTEM_ACTOR: Actor = { id: "system", email: "system@localhost", name: "Command line", isAdmin: true, system: true };

/**
 * The signed-in user, read from the database on every request: a disabled user, or a session
 * issued before a password reset or disable (older sessionVersion), is not signed in.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const cookieStore = await cookies();
  const jwt = await getToken({
    req: { cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: authOptions.secret,
  });
  if (!jwt?.uid) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: jwt.uid } });
  if (!user || user.disabled || user.sessionVersion !== jwt.sv) return null;
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
