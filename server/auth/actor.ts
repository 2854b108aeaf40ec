import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { authOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { resumeSession } from "@/server/auth/sessions";
import { UnauthenticatedError } from "@/server/errors";

/** Who is acting. Services take it as their first argument and check it in their queries. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The command line (`npm run slant`), run by whoever operates the server: acts as an admin. */
  system?: boolean;
  /** The browser session the request came with (none for API tokens and the command line). */
  sessionId?: string;
}

export const SYSTEM_ACTOR: Actor = { id: "system", email: "system@localhost", name: "Command line", isAdmin: true, system: true };

// Session tokens this process has decoded, by token. Decoding derives the key (HKDF, a round trip
// to the thread pool) and decrypts, on every request: most of what authenticating a label save
// costs (bench/README.md). A token's payload never changes, so only its expiry is checked
// again; whether the session and its user may still act is read from the database on every request.
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
 * The signed-in user, read from the database on every request with the session the cookie names:
 * an ended or expired session, or a disabled user, is not signed in.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const cookieStore = await cookies();
  const jwt = await getToken({
    req: { cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: authOptions.secret,
    decode: decodeSession,
  });
  if (!jwt?.sid) return null;
  const s = await resumeSession(await getDb(), jwt.sid);
  if (!s || s.id !== jwt.uid) return null;
  return { id: s.id, email: s.email, name: s.name, isAdmin: s.isAdmin, sessionId: s.sessionId };
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
