/**
 * What a label-schema edit takes away. Stored labels refer to dimension ids and value ids, so an
 * edit may add dimensions and values and change labels, descriptions, keys and required rules,
 * but removing (or re-kinding) an id that labels use would orphan them: the server counts the
 * labels behind each removal and refuses the edit when any are in use.
 */
import { parseLabelSchema, type LabelSchema, type ParseLabelSchemaResult } from "./schema";
import type { DimensionKind } from "./types";
import { schemaKeyClashes } from "@/lib/workspace/keymap";

export interface SchemaRemovals {
  /** Dimensions whose id is gone. */
  dimensions: { id: string; label: string }[];
  /** Dimensions whose id stays but whose kind changes: their stored values no longer fit. */
  kindChanges: { id: string; label: string; from: DimensionKind; to: DimensionKind }[];
  /** Value ids gone from a dimension that stays (with the same kind). */
  values: { dimension: string; label: string; ids: string[] }[];
}

export function schemaRemovals(before: LabelSchema, after: LabelSchema): SchemaRemovals {
  const out: SchemaRemovals = { dimensions: [], kindChanges: [], values: [] };
  const next = new Map(after.dimensions.map((d) => [d.id, d]));
  for (const dim of before.dimensions) {
    const now = next.get(dim.id);
    if (!now) {
      out.dimensions.push({ id: dim.id, label: dim.label });
    } else if (now.kind !== dim.kind) {
      out.kindChanges.push({ id: dim.id, label: dim.label, from: dim.kind, to: now.kind });
    } else if ("values" in dim && "values" in now) {
      const kept = new Set(now.values.map((v) => v.id));
      const ids = dim.values.map((v) => v.id).filter((id) => !kept.has(id));
      if (ids.length) out.values.push({ dimension: dim.id, label: dim.label, ids });
    }
  }
  return out;
}

export const hasRemovals = (r: SchemaRemovals) => r.dimensions.length + r.kindChanges.length + r.values.length > 0;

/**
 * The value ids one stored value refers to: the string of per_target / single / target_choice
 * (for target_choice it may be a target key), the items of multi, the labels of span lists.
 */
export function storedValueIds(kind: DimensionKind, value: unknown): string[] {
  switch (kind) {
    case "per_target":
    case "single":
    case "target_choice":
      return typeof value === "string" ? [value] : [];
    case "multi":
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    case "span":
      return Array.isArray(value)
        ? value.flatMap((s) =>
            s && typeof s === "object" && typeof (s as { label?: unknown }).label === "string" ? [(s as { label: string }).label] : [],
          )
        : [];
    default:
      return [];
  }
}

/**
 * A label schema typed as JSON text (the settings editor, and the server when it is saved): JSON
 * syntax errors first, then schema errors with their paths, then keys the workspace could not use.
 */
export function parseLabelSchemaJson(text: string): ParseLabelSchemaResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`JSON: ${(e as Error).message}`] };
  }
  const parsed = parseLabelSchema(doc);
  if (!parsed.ok) return parsed;
  const clashes = schemaKeyClashes(parsed.schema);
  return clashes.length ? { ok: false, errors: clashes.map((c) => `keys: ${c}`) } : parsed;
}
