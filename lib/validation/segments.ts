import { z } from "zod";

const id = z.string().min(1).max(64);

/** Split one sentence in two at `at` (an absolute UTF-16 offset into the document text). */
export const splitSegmentInput = z.object({
  documentId: id,
  segmentId: id,
  at: z
    .number({ message: "at must be a number: an offset into the document text" })
    .int({ message: "at must be a whole number" })
    .nonnegative(),
  /** Go ahead although the sentence has labels (the answer to a 409 that described the effect). */
  confirm: z.boolean().default(false),
});
export type SplitSegmentInput = z.input<typeof splitSegmentInput>;

/** Merge two neighbouring sentences; the earlier one survives. */
export const mergeSegmentsInput = z.object({
  documentId: id,
  segmentIds: z
    .array(id)
    .length(2, { message: "segmentIds must name exactly two neighbouring sentences" })
    .refine((ids) => ids[0] !== ids[1], { message: "segmentIds must name two different sentences" }),
  confirm: z.boolean().default(false),
});
export type MergeSegmentsInput = z.input<typeof mergeSegmentsInput>;
