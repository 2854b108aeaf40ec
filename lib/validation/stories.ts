import { z } from "zod";

/** Most documents one "set story" changes at once (a whole upload's worth). */
export const MAX_STORY_DOCUMENTS = 10_000;

/**
 * A story name as people type it: trimmed, at most 200 characters; empty (or null) clears the
 * story. The same rule for the import column, the API and the documents list.
 */
export const storyName = z
  .string()
  .trim()
  .max(200, { message: "Story must be at most 200 characters" })
  .nullable()
  .transform((s) => (s ? s : null));

export const setStoryInput = z.object({
  documentIds: z
    .array(z.string().trim().min(1).max(64), { message: "documentIds must be a list of document ids" })
    .min(1, { message: "Select at least one document" })
    .max(MAX_STORY_DOCUMENTS, { message: `Set the story of at most ${MAX_STORY_DOCUMENTS.toLocaleString("en")} documents at once` })
    .transform((ids) => [...new Set(ids)]),
  story: storyName,
});
export type SetStoryInput = z.input<typeof setStoryInput>;

/** PATCH /api/v1/documents/{id}: the metadata a manager may change after import (today: the story). */
export const documentUpdateInput = z.object({ story: storyName }).strict();
export type DocumentUpdateInput = z.input<typeof documentUpdateInput>;
