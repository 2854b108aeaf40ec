import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { InvalidError, NotFoundError, UnauthenticatedError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";

/**
 * Personal access tokens for the REST API (`Authorization: Bearer slant_…`). A token acts as its
 * user, with the same authorization as the web app; a "read" token may only read (GET). The
 * secret is shown once, at creation; the database keeps its SHA-256 only.
 */

const TOKEN_PREFIX = "slant_";
const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
/** lastUsedAt is written at most this often per token, so reads do not each cost a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const createTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "Give the token a name (what it is for)" })
    .max(100, { message: "Token name must be at most 100 characters" }),
  scope: z.enum(TOKEN_SCOPES, { message: "Scope must be read or write" }),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

export interface TokenView {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const hash = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

function view(t: { id: string; name: string; scope: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenView {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope === "write" ? "write" : "read",
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

function requireUser(actor: Actor) {
  // The command line acts as the system, which has no user row to own a token.
  if (actor.system) throw new InvalidError("Tokens belong to a user; sign in as that user to create one");
}

/** Creates a token for the acting user. `secret` is returned this once and never again. */
export async function createToken(actor: Actor, input: CreateTokenInput): Promise<{ token: TokenView; secret: string }> {
  requireUser(actor);
  const { name, scope } = parseInput(createTokenInput, input);
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await writeTransaction(async (tx) => {
    const t = await tx.apiToken.create({
      data: { id: newId(), userId: actor.id, name, scope, tokenHash: hash(secret) },
    });
    await audit(tx, actor, { action: "token.create", entityType: "token", entityId: t.id, after: { name: t.name, scope: t.scope } });
    return t;
  });
  return { token: view(row), secret };
}

/** The acting user's tokens, newest first (revoked ones too, marked). */
export async function listTokens(actor: Actor): Promise<TokenView[]> {
  requireUser(actor);
  const db = await getDb();
  const rows = await db.apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" } });
  return rows.map(view);
}

/** Revokes one of the acting user's tokens; someone else's token is "not found". */
export async function revokeToken(actor: Actor, tokenId: string): Promise<TokenView> {
  requireUser(actor);
  return writeTransaction(async (tx) => {
    const t = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id } });
    if (!t) throw new NotFoundError("Token not found");
    if (t.revokedAt) return view(t);
    const revoked = await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: "token.revoke", entityType: "token", entityId: t.id, after: { name: t.name } });
    return view(revoked);
  });
}

/**
 * The user a bearer token acts for, and the token's scope. Unknown, revoked or malformed
 * tokens, and tokens of disabled users, are 401.
 */
export async function authenticateToken(secret: string): Promise<{ actor: Actor; scope: TokenScope }> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) throw new UnauthenticatedError();
  const db = await getDb();
  const t = await db.apiToken.findUnique({
    where: { tokenHash: hash(secret) },
    select: {
      id: true,
      scope: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, isAdmin: true, disabled: true } },
    },
  });
  if (!t || t.revokedAt || t.user.disabled) throw new UnauthenticatedError();
  const now = Date.now();
  if (!t.lastUsedAt || now - t.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await writeTransaction((tx) => tx.apiToken.updateMany({ where: { id: t.id, revokedAt: null }, data: { lastUsedAt: new Date(now) } }));
  }
  const { id, email, name, isAdmin } = t.user;
  return { actor: { id, email, name, isAdmin }, scope: t.scope === "write" ? "write" : "read" };
}

/**
 * An admin (or the command line) issues a token on a user's behalf, e.g. for a service account
 * or a script. The token is the user's (its creation audited under the user) and carries only the user's rights.
 */
export async function createTokenForUser(actor: Actor, email: string, input: CreateTokenInput) {
  if (!actor.isAdmin) throw new NotFoundError();
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, isAdmin: true, disabled: true },
  });
  if (!user || user.disabled) throw new NotFoundError(`No active user with the email ${email}`);
  return createToken({ id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin }, input);
}
