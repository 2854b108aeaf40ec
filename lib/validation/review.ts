import { z } from "zod";

const id = z.string().min(1).max(64);

/** One gold (adjudicated) label. `value: null` clears it; `baseVersion` is the version last seen (null: none). */
export const saveGoldInput = z.object({
  documentId: id,
  segmentId: id,
  dimension: z.string().min(1).max(64),
  target: z.string().max(64).nullable().default(null),
  value: z.unknown().refine((v) => v !== undefined, { message: "value is required (null clears the gold label)" }),
  comment: z.string().trim().max(2000, "at most 2000 characters").default(""),
  baseVersion: z.number().int().nonnegative().nullable(),
});
export type SaveGoldInput = z.input<typeof saveGoldInput>;

/** Sends a sentence back to one annotator with a comment they will see in their workspace. */
export const sendBackInput = z.object({
  documentId: id,
  segmentId: id,
  annotatorId: id,
  comment: z.string().trim().min(1, "say what the annotator should look at").max(2000, "at most 2000 characters"),
});
export type SendBackInput = z.input<typeof sendBackInput>;
