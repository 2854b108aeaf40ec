import type { LabelSchema } from "@/lib/schema/schema";
import { getDimension, valueLabel } from "@/lib/schema/helpers";
import type { StoredSpan } from "@/lib/schema/types";

/** A stored value in words, for the side-by-side table and the gold panel. */
export function showValue(
  schema: LabelSchema,
  dimension: string,
  value: unknown,
  text: string,
  targetNames: Record<string, string>,
): string {
  const dim = getDimension(schema, dimension);
  if (value === null || value === undefined) return dim?.kind === "per_target" ? "none" : "—";
  if (dim?.kind === "span" && Array.isArray(value)) {
    return (value as StoredSpan[]).map((s) => `“${text.slice(s.start, s.end)}” (${valueLabel(schema, dimension, s.label)})`).join(", ");
  }
  if (Array.isArray(value)) return value.map((v) => valueLabel(schema, dimension, String(v), targetNames)).join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return dim && dim.kind !== "text" ? valueLabel(schema, dimension, value, targetNames) : value;
  return JSON.stringify(value);
}

/** Label of a (dimension, target) row: "Stance toward Armenia", "Sourcing". */
export function rowLabel(schema: LabelSchema, dimension: string, target: string | null, targetNames: Record<string, string>): string {
  const dim = getDimension(schema, dimension);
  const name = dim?.label ?? dimension;
  return target ? `${name} toward ${targetNames[target] ?? target}` : name;
}

export const goldKey = (segmentId: string, key: string) => `${segmentId}|${key}`;
