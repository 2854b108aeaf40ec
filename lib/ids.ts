import { createId } from "@paralleldrive/cuid2";

/** Opaque ids for every row (never sequential): safe in URLs and the API. */
export const newId = (): string => createId();

/** A URL slug from a name: lowercase ascii words joined by "-", at most 60 characters. */
export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return s || "project";
}
