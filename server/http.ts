import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { getActor, type Actor } from "@/server/auth/actor";
import { ForbiddenError, InvalidError, isAppError, NotFoundError, PayloadTooLargeError, UnauthenticatedError } from "@/server/errors";
import { authenticateToken } from "@/server/tokens";
import { checkCookieRequest } from "@/server/request-origin";

/** The signed-in actor for a page; anyone else is sent to the sign-in page. */
export async function pageActor(returnTo?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  return actor;
}

/** Runs a service call for a page: "not found" becomes the 404 page, "forbidden" the 403 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
}

/** Next's compression threshold (the compression package's default). */
const COMPRESS_MIN_BYTES = 1024;

/**
 * Response.json, marked `Cache-Control: no-transform` when the body is under 1 KB. Next's
 * compression skips only bodies it knows to be small, and it drops a route's Content-Length, so
 * without the mark every label save's answer went through a gzip stream of its own, CPU spent to
 * shrink 135 bytes by a few. no-transform is what compression honours; for caches it only
 * says not to re-encode the body.
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (Buffer.byteLength(text) < COMPRESS_MIN_BYTES && !headers.has("cache-control")) headers.set("cache-control", "no-transform");
  return new Response(text, { ...init, headers });
}

export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    return jsonResponse(
      { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } },
      { status: e.status },
    );
  }
  console.error("Unexpected error in route handler", e);
  return jsonResponse({ error: { code: "internal", message: "Something went wrong on the server" } }, { status: 500 });
}

type Handler<C> = (req: Request, ctx: C & { actor: Actor }) => Promise<unknown>;

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is asking: a personal access token (`Authorization: Bearer slant_…`) acts as its user,
 * read-only tokens only for GET/HEAD; otherwise the session cookie, for changes only from this
 * site's pages with a JSON (or, for uploads, multipart) body (server/request-origin.ts: CSRF).
 * After that the services authorize the actor exactly as for the web app.
 */
async function requestActor(req: Request, opts: RouteOptions): Promise<Actor> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new UnauthenticatedError();
    const { actor, scope } = await authenticateToken(m[1]!);
    if (scope === "read" && !READ_METHODS.has(req.method.toUpperCase()))
      throw new ForbiddenError("This API token is read-only; create a token with the write scope to change data");
    return actor;
  }
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  checkCookieRequest(req, { multipart: opts.uploads ?? false });
  return actor;
}

export interface RouteOptions {
  /** The route takes multipart/form-data uploads (besides JSON). */
  uploads?: boolean;
}

/** A route handler for signed-in users or API tokens: errors map to statuses, results to JSON. */
export function withActor<C>(fn: Handler<C>, opts: RouteOptions = {}) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      const actor = await requestActor(req, opts);
      const result = await fn(req, { ...ctx, actor });
      return result instanceof Response ? result : jsonResponse(result);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];

/**
 * Handlers for the methods a route does not have: 405, JSON, with `Allow` (Next would answer an
 * empty 405 without it). A route file exports the ones it lacks:
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods(...allowed: RouteMethod[]): Record<RouteMethod, (req: Request) => Response> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = (req: Request) =>
    jsonResponse(
      { error: { code: "method_not_allowed", message: `${req.method} is not allowed here; this route takes ${allowed.join(", ")}` } },
      { status: 405, headers: { allow } },
    );
  return Object.fromEntries(ROUTE_METHODS.map((m) => [m, refuse])) as Record<RouteMethod, (req: Request) => Response>;
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

/**
 * The body, read up to `max` bytes: a larger one is a 413 (PayloadTooLargeError, or `tooLarge`'s
 * error) before it is all in memory. `tooLarge` gets the size declared in Content-Length, or,
 * for a body sent without one (chunked), how much was read when reading stopped (`partial`).
 */
export async function readBodyLimited(
  req: Request,
  max: number,
  tooLarge: (bytes: number, partial: boolean) => Error = (b, partial) =>
    new PayloadTooLargeError(
      partial
        ? `The request body is over the limit of ${mb(max)}: reading stopped after ${b.toLocaleString("en")} bytes`
        : `The request body is ${mb(b)}, over the limit of ${mb(max)}`,
    ),
): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(declared, false);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(size, true);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return body;
}

/** JSON bodies of the API are small (one label, one setting): 1 MB is far above any of them. */
export const MAX_JSON_BYTES = 1_048_576;

/** The request body as JSON: over MAX_JSON_BYTES is a 413, a body that is not JSON a 422. */
export async function readJson(req: Request, max = MAX_JSON_BYTES): Promise<unknown> {
  const bytes = await readBodyLimited(req, max);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new InvalidError("Request body is not valid JSON");
  }
}
