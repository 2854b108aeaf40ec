import "server-only";
import { labelSchemaSchema, type LabelSchema } from "@/lib/schema/schema";

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
