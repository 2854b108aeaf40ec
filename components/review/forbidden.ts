import { ForbiddenError } from "@/server/errors";

/** A service call for a page that reviewers may see: a member without the role gets `{ forbidden }`. */
export async function orForbidden<T>(p: Promise<T>): Promise<{ ok: true; data: T } | { ok: false; forbidden: string }> {
  try {
    return { ok: true, data: await p };
  } catch (e) {
    if (e instanceof ForbiddenError) return { ok: false, forbidden: e.message };
    throw e;
  }
}
