"use server";

import { authenticatedAction, formText } from "@/server/action";
import { setDocumentsStory } from "@/server/stories";
import { setStoryInput, storyProposalDecision } from "@/lib/validation/stories";
import { acceptStoryProposal, dismissStoryProposal } from "@/server/story-proposals";

/** "Set story" on the documents list: the ticked documents get the typed story (empty clears it). */
export const setStoryAction = authenticatedAction({
  name: "set story",
  schema: setStoryInput,
  input: (form) => ({ documentIds: form.getAll("documentIds").map(String), story: formText(form, "story") }),
  run: async (input, { actor, form }) => {
    const r = await setDocumentsStory(actor, formText(form, "projectId"), input);
    const docs = (n: number) => `${n} document${n === 1 ? "" : "s"}`;
    const what = r.story === null ? "Cleared the story of" : `Set story “${r.story}” on`;
    return `${what} ${docs(r.changed)}${r.unchanged ? ` (${docs(r.unchanged)} already had it)` : ""}`;
  },
  revalidate: { path: "/projects", type: "layout" },
});

/** A story proposal on the documents list: accept (the group gets the named story) or dismiss. */
export const storyProposalAction = authenticatedAction({
  name: "decide on a story proposal",
  schema: storyProposalDecision,
  input: (form) => ({
    decision: formText(form, "decision"),
    documentIds: form.getAll("documentIds").map(String),
    story: formText(form, "story"),
  }),
  run: async (input, { actor, form }) => {
    const projectId = formText(form, "projectId");
    if (input.decision === "dismiss") {
      await dismissStoryProposal(actor, projectId, input);
      return `Dismissed: these ${input.documentIds.length} documents will not be proposed as one story again`;
    }
    const r = await acceptStoryProposal(actor, projectId, input);
    return `Set story “${r.story}” on ${r.changed} documents`;
  },
  revalidate: { path: "/projects", type: "layout" },
});
