/**
 * Lookups the workspace, agreement and export share. `dimensionKeys` is the single place that
 * expands per_target dimensions over the project's targets.
 */
import type { LabelSchema } from "./schema";
import type { Dimension, Value } from "./types";

/** The dimension with this id, or undefined. */
export function getDimension(schema: LabelSchema, id: string): Dimension | undefined {
  return schema.dimensions.find((d) => d.id === id);
}

/** The values of a dimension ([] for text and flag). */
export function dimensionValues(dim: Dimension): Value[] {
  return "values" in dim ? dim.values : [];
}

/**
 * Display label of a value. For target_choice, a target key is returned as its label from
 * `targetLabels` (or the key itself). Unknown ids come back unchanged, so a renamed or removed
 * value still shows something.
 */
export function valueLabel(
  schema: LabelSchema,
  dimensionId: string,
  valueId: string,
  targetLabels?: Readonly<Record<string, string>>,
): string {
  const dim = getDimension(schema, dimensionId);
  const v = dim ? dimensionValues(dim).find((x) => x.id === valueId) : undefined;
  if (v) return v.label;
  if (dim?.kind === "target_choice" && targetLabels && Object.hasOwn(targetLabels, valueId)) {
    return targetLabels[valueId] ?? valueId;
  }
  return valueId;
}

/** Map key for one stored value: `${dimension}:${target}` with target "" when none. */
export function annotationKey(dimension: string, target: string | null | undefined): string {
  return `${dimension}:${target ?? ""}`;
}

export interface DimensionKey {
  dimension: string;
  /** Target key for per_target dimensions, null otherwise. */
  target: string | null;
  /** `annotationKey(dimension, target)` */
  key: string;
}

/**
 * The (dimension, target) pairs a sentence has, in schema order; per_target dimensions are
 * expanded over `targets` (in the given order), every other dimension appears once with target null.
 */
export function dimensionKeys(schema: LabelSchema, targets: readonly string[]): DimensionKey[] {
  const out: DimensionKey[] = [];
  for (const dim of schema.dimensions) {
    if (dim.kind === "per_target") {
      for (const t of targets) out.push({ dimension: dim.id, target: t, key: annotationKey(dim.id, t) });
    } else {
      out.push({ dimension: dim.id, target: null, key: annotationKey(dim.id, null) });
    }
  }
  return out;
}
