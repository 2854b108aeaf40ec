import type { LabelSchema } from "@/lib/schema/schema";
import { getDimension, valueLabel } from "@/lib/schema/helpers";
import type { StoredSpan } from "@/lib/schema/types";
import { canonical } from "@/lib/review/majority";
import type { ReviewSentence } from "@/components/review/types";

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

/**
 * The values the sentence's confirmed annotators gave for a `dimension:target` key (an empty
 * value of theirs is null: "none" / "no value"); toward a target added after someone confirmed,
 * that person gave nothing. The same voters as the majority (lib/review/majority.ts).
 */
export function annotatorValues(s: ReviewSentence, key: string, target: string | null): unknown[] {
  return s.labels.filter((l) => l.confirmed && !(target && l.notConfirmedFor.includes(target))).map((l) => l.values[key] ?? null);
}

/**
 * Whether some confirmed annotator chose `value` for the key; for a multi dimension, `option`
 * asks about one option of the list instead of the whole list.
 */
export function chosenByAnnotator(s: ReviewSentence, key: string, target: string | null, value: unknown, option?: string): boolean {
  const given = annotatorValues(s, key, target);
  if (option !== undefined) return given.some((v) => Array.isArray(v) && v.includes(option));
  return given.some((v) => canonical(v) === canonical(value));
}

/** Whether some confirmed annotator marked exactly this span (same words, same label). */
export function spanMarkedByAnnotator(s: ReviewSentence, key: string, span: StoredSpan): boolean {
  return annotatorValues(s, key, null).some(
    (v) => Array.isArray(v) && (v as StoredSpan[]).some((x) => x.start === span.start && x.end === span.end && x.label === span.label),
  );
}

/**
 * Whether a gold value holds something no confirmed annotator chose, to mark it: a value (or
 * "none") nobody gave, an option of a list nobody ticked, a span nobody marked exactly. Free text
 * is the reviewer's own and never marked.
 */
export function goldUnchosen(
  schema: LabelSchema,
  s: ReviewSentence,
  key: string,
  dimension: string,
  target: string | null,
  value: unknown,
) {
  const kind = getDimension(schema, dimension)?.kind;
  if (kind === "text" || kind === "flag") return false;
  if (kind === "span") return Array.isArray(value) && (value as StoredSpan[]).some((sp) => !spanMarkedByAnnotator(s, key, sp));
  if (kind === "multi" && Array.isArray(value)) return value.some((o) => !chosenByAnnotator(s, key, target, null, String(o)));
  return !chosenByAnnotator(s, key, target, value);
}
