import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireActor, type Actor } from "@/server/auth/actor";
import { isAppError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";

/** What a form's server action answers: a message, and the details a form can show. */
export interface ActionState {
  ok: boolean;
  message: string;
  /** Validation errors, one per line (label schema: each names its path). */
  errors?: string[];
  /** Removing targets that have labels: what would be deleted, to confirm. */
  confirm?: { labels: number; targets: { name: string; labels: number }[] };
  /** A label-schema edit refused because stored labels use what it removes. */
  inUse?: { what: string; labels: number }[];
  /** A secret shown once (a new API token). */
  secret?: string;
}

/** A successful action's answer: the message, or the message with a secret or a page to go to. */
export type ActionDone = string | { message: string; secret?: string; redirectTo?: string };

export interface ActionSpec<S extends z.ZodType> {
  /** What the action does, for the server log ("create project"). */
  name: string;
  /** The zod schema of the action's input (the same one the service parses). */
  schema: S;
  /** The form's fields, as the schema expects them (the schema checks them). */
  input: (form: FormData) => unknown;
  /** Calls one service with the acting user and the parsed input. */
  run: (input: z.output<S>, ctx: { actor: Actor; form: FormData }) => Promise<ActionDone>;
  /** The path whose pages show what the action changed, revalidated when it succeeds. */
  revalidate?: { path: string; type?: "layout" | "page" };
}

/**
 * The one way server actions run: resolve the signed-in user, parse the form with the schema,
 * call the service; expected errors (invalid, forbidden, not found, conflict) become the form's
 * message and details, anything else is logged and answered with a generic message.
 */
export function authenticatedAction<S extends z.ZodType>(spec: ActionSpec<S>) {
  return async (_prev: ActionState | null, form: FormData): Promise<ActionState> => {
    let done: ActionDone;
    try {
      const actor = await requireActor();
      done = await spec.run(parseInput(spec.schema, spec.input(form)), { actor, form });
    } catch (e) {
      return failure(spec.name, e);
    }
    if (spec.revalidate) revalidatePath(spec.revalidate.path, spec.revalidate.type);
    if (typeof done === "string") return { ok: true, message: done };
    // redirect() throws Next's redirect signal: outside the try, so it is not taken for a failure.
    if (done.redirectTo) redirect(done.redirectTo);
    return { ok: true, message: done.message, ...(done.secret ? { secret: done.secret } : {}) };
  };
}

function failure(name: string, e: unknown): ActionState {
  if (!isAppError(e)) {
    console.error(`${name} failed`, e);
    return { ok: false, message: "Something went wrong on the server" };
  }
  const d = (e.details ?? {}) as Partial<Record<"errors" | "inUse" | "targets" | "labels" | "confirmationRequired", unknown>>;
  return {
    ok: false,
    message: e.message,
    ...(Array.isArray(d.errors) ? { errors: d.errors as string[] } : {}),
    ...(Array.isArray(d.inUse) ? { inUse: d.inUse as ActionState["inUse"] } : {}),
    ...(d.confirmationRequired ? { confirm: { labels: Number(d.labels), targets: d.targets as { name: string; labels: number }[] } } : {}),
  };
}

/** A text field of the form ("" when absent). */
export const formText = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/** A JSON-encoded form field (lists the client builds, e.g. targets); undefined when it is not JSON. */
export function formJson(form: FormData, name: string): unknown {
  try {
    return JSON.parse(formText(form, name));
  } catch {
    return undefined;
  }
}
