import "server-only";
import { isAppError } from "@/server/errors";

/** What a project form's server action answers: a message, and the details a form can show. */
export interface ActionState {
  ok: boolean;
  message: string;
  /** Validation errors, one per line (label schema: each names its path). */
  errors?: string[];
  /** Removing targets that have labels: what would be deleted, to confirm. */
  confirm?: { labels: number; targets: { name: string; labels: number }[] };
  /** A label-schema edit refused because stored labels use what it removes. */
  inUse?: { what: string; labels: number }[];
}

/** Runs one service call for a form; expected errors become messages, anything else is logged. */
export async function runAction(what: string, fn: () => Promise<string>): Promise<ActionState> {
  try {
    return { ok: true, message: await fn() };
  } catch (e) {
    if (isAppError(e)) {
      const d = (e.details ?? {}) as Partial<Record<"errors" | "inUse" | "targets" | "labels" | "confirmationRequired", unknown>>;
      return {
        ok: false,
        message: e.message,
        ...(Array.isArray(d.errors) ? { errors: d.errors as string[] } : {}),
        ...(Array.isArray(d.inUse) ? { inUse: d.inUse as ActionState["inUse"] } : {}),
        ...(d.confirmationRequired
          ? { confirm: { labels: Number(d.labels), targets: d.targets as { name: string; labels: number }[] } }
          : {}),
      };
    }
    console.error(`${what} failed`, e);
    return { ok: false, message: "Something went wrong on the server" };
  }
}

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
