import { randomUUID } from "node:crypto";

/**
 * Opaque ids for every row (never sequential): safe in URLs and the API. UUID v4 from the
 * platform's CSPRNG (cuid2 cost ~150 µs an id, too slow for imports of 100,000s of segments).
 */
export const newId = (): string => randomUUID();

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
