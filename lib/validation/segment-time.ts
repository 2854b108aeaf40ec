import { z } from "zod";

const id = z.string().min(1).max(64);

/** Longest time one entry may add: a day (the clock caps idle gaps, so more is a broken client). */
export const MAX_ENTRY_MS = 86_400_000;

/**
 * Time the workspace measured per sentence since its last flush (lib/workspace/timing.ts): added
 * to what is stored for the signed-in annotator, never a label.
 */
export const segmentTimeInput = z.object({
  documentId: id,
  entries: z
    .array(z.object({ segmentId: id, ms: z.int().min(1).max(MAX_ENTRY_MS) }))
    .min(1)
    .max(500)
    .refine((es) => new Set(es.map((e) => e.segmentId)).size === es.length, { message: "each sentence at most once per request" }),
});
export type SegmentTimeInput = z.input<typeof segmentTimeInput>;
