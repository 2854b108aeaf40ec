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

const proposalDocuments = z
  .array(z.string().trim().min(1).max(64), { message: "documentIds must be a list of document ids" })
  .min(2, { message: "A story proposal has at least two documents" })
  .max(500, { message: "A story proposal has at most 500 documents" })
  .transform((ids) => [...new Set(ids)]);

/** Accepting a story proposal: its documents (all still without a story) get the story named. */
export const acceptProposalInput = z.object({
  documentIds: proposalDocuments,
  story: z.string().trim().min(1, { message: "Name the story" }).max(200, { message: "Story must be at most 200 characters" }),
});
export type AcceptProposalInput = z.input<typeof acceptProposalInput>;

/** Dismissing a story proposal: its documents are, pair by pair, not one story. */
export const dismissProposalInput = z.object({ documentIds: proposalDocuments });
export type DismissProposalInput = z.input<typeof dismissProposalInput>;

/** The documents page's proposal form: one form, its two buttons say which. */
export const storyProposalDecision = z.discriminatedUnion("decision", [
  acceptProposalInput.extend({ decision: z.literal("accept") }),
  dismissProposalInput.extend({ decision: z.literal("dismiss") }),
]);
