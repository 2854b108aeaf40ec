import "server-only";
import { labelSchemaSchema, type LabelSchema } from "@/lib/schema/schema";
import type { Db, Tx } from "@/server/db/client";
import { NotFoundError } from "@/server/errors";

// Parsed schemas by project and schema version: saves validate against them on the hot path.
const cache = new Map<string, LabelSchema>();

/** The project's label schema, validated (a stored schema that fails validation is a server bug). */
export function projectSchema(p: { id: string; schemaVersion: number; labelSchema: unknown }): LabelSchema {
  const key = `${p.id}:${p.schemaVersion}`;
  let s = cache.get(key);
  if (!s) {
    s = labelSchemaSchema.parse(p.labelSchema);
    if (cache.size > 500) cache.clear();
    cache.set(key, s);
  }
  return s;
}

/**
 * The schema of project `id` at `schemaVersion`, a version the caller read from the database in
 * its own query: the stored document is read only when this process has not parsed that version
 * yet. Every schema change increments schemaVersion in the same UPDATE (server/project-settings.ts),
 * so a change made by another app instance is a new key here, never a stale hit.
 */
export async function projectSchemaAt(db: Db | Tx, id: string, schemaVersion: number): Promise<LabelSchema> {
  const hit = cache.get(`${id}:${schemaVersion}`);
  if (hit) return hit;
  const p = await db.project.findUnique({ where: { id }, select: { id: true, schemaVersion: true, labelSchema: true } });
  if (!p) throw new NotFoundError("Project not found");
  // Cached under the version read with the document (on PostgreSQL it may be newer than the caller's).
  return projectSchema(p);
}
