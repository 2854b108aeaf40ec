/**
 * Sentence completeness: which required dimensions are still missing a value.
 */
import type { LabelSchema } from "./schema";
import type { Dimension } from "./types";
import { annotationKey, getDimension } from "./helpers";

/** A value counts as given when it is not null/undefined, not an empty string and not an empty list. */
function hasValue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim() !== "";
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * Whether `dim` is required given the sentence's other values. per_target and flag dimensions
 * are never required (an empty per-target value means "none", an unset flag means false).
 */
function isRequired(schema: LabelSchema, dim: Dimension, values: ReadonlyMap<string, unknown>): boolean {
  if (dim.kind === "per_target" || dim.kind === "flag") return false;
  const rule = dim.required;
  if (rule === "always") return true;
  if (rule === "never") return false;
  const ref = getDimension(schema, rule.when.dimension);
  if (!ref) return false;
  const current = values.get(annotationKey(ref.id, null));
  return typeof current === "string" && rule.when.in.includes(current);
}

/**
 * @param values keyed by `${dimension}:${target}` (target "" when none), see `annotationKey`.
 * @param targets the project's target keys (per_target dimensions are never required per target).
 * @returns `missing`: ids of required dimensions without a value, in schema order.
 */
export function isSentenceComplete(
  schema: LabelSchema,
  values: ReadonlyMap<string, unknown>,
  targets: readonly string[],
): { complete: boolean; missing: string[] } {
  void targets; // per_target dimensions: an empty value for a target counts as "none".
  const missing: string[] = [];
  for (const dim of schema.dimensions) {
    if (!isRequired(schema, dim, values)) continue;
    if (!hasValue(values.get(annotationKey(dim.id, null)))) missing.push(dim.id);
  }
  return { complete: missing.length === 0, missing };
}
