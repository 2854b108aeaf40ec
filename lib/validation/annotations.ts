import { z } from "zod";

const id = z.string().min(1).max(64);

/** One label change, as the browser's save queue sends it. `value: null` clears the label. */
export const saveAnnotationInput = z.object({
  documentId: id,
  segmentId: id,
  dimension: z.string().min(1).max(64),
  target: z.string().max(64).nullable().default(null),
  value: z.unknown().refine((v) => v !== undefined, { message: "value is required (null clears the label)" }),
  /** The version this client last saw for this label; null when it has seen none. */
  baseVersion: z.number().int().nonnegative().nullable(),
  /** The suggestion this value is accepted from (unchanged): recorded as the label's provenance. */
  suggestionId: id.nullish(),
});
export type SaveAnnotationInput = z.input<typeof saveAnnotationInput>;

/** Confirming a sentence (its empty per-target stances then count as "none"). */
export const segmentStatusInput = z.object({
  documentId: id,
  segmentId: id,
  confirmed: z.boolean(),
  baseVersion: z.number().int().nonnegative().nullable(),
});
export type SegmentStatusInput = z.input<typeof segmentStatusInput>;

export const documentDoneInput = z.object({
  documentId: id,
  done: z.boolean(),
  /** Marks done although some sentences are incomplete (the annotator confirmed it). */
  allowIncomplete: z.boolean().default(false),
});
