import "server-only";
import { notFound, redirect } from "next/navigation";
import { getActor, type Actor } from "@/server/auth/actor";
import { ForbiddenError, InvalidError, isAppError, NotFoundError, UnauthenticatedError } from "@/server/errors";

/** The signed-in actor for a page; anyone else is sent to the sign-in page. */
export async function pageActor(returnTo?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  return actor;
}

/** Runs a service call for a page: "not found" becomes the 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    return Response.json({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } }, { status: e.status });
  }
  console.error("Unexpected error in route handler", e);
  return Response.json({ error: { code: "internal", message: "Something went wrong on the server" } }, { status: 500 });
}

type Handler<C> = (req: Request, ctx: C & { actor: Actor }) => Promise<unknown>;

/** A route handler for signed-in users: errors map to statuses, results to JSON. */
export function withActor<C>(fn: Handler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) throw new UnauthenticatedError();
      const result = await fn(req, { ...ctx, actor });
      return result instanceof Response ? result : Response.json(result);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** The request body as JSON; a body that is not JSON is a 422 with a plain message. */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new InvalidError("Request body is not valid JSON");
  }
}

/** Runs a service call for a page: "not found" → 404 page; "forbidden" → { forbidden: message } to render. */
export async function forPage<T>(p: Promise<T>): Promise<{ data: T; forbidden?: undefined } | { forbidden: string; data?: undefined }> {
  try {
    return { data: await orNotFound(p) };
  } catch (e) {
    if (e instanceof ForbiddenError) return { forbidden: e.message };
    throw e;
  }
}
