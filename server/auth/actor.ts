import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
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

// Session tokens this process has decoded, by token. Decoding derives the key (HKDF, a round trip
// to the thread pool) and decrypts, on every request: most of what authenticating a label save
// costs (bench/README.md). A token's payload never changes, so only its expiry is checked
// again; whether its user may still act (disabled, sessionVersion) is read from the database on
// every request as before.
const decodedTokens = new Map<string, JWT>();

async function decodeSession(params: JWTDecodeParams): Promise<JWT | null> {
  const hit = params.token ? decodedTokens.get(params.token) : undefined;
  if (hit && typeof hit.exp === "number" && hit.exp > Date.now() / 1000) return hit;
  const jwt = await decode(params);
  if (jwt && params.token) {
    if (decodedTokens.size >= 1000) decodedTokens.clear();
    decodedTokens.set(params.token, jwt);
  }
  return jwt;
}

/**
 * The signed-in user, read from the database on every request: a disabled user, or a session
 * issued before a password reset or disable (older sessionVersion), is not signed in.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const cookieStore = await cookies();
  const jwt = await getToken({
    req: { cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: authOptions.secret,
    decode: decodeSession,
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
