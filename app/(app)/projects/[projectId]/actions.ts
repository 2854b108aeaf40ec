"use server";

import { authenticatedAction, formText } from "@/server/action";
import { setDocumentsStory } from "@/server/stories";
import { setStoryInput } from "@/lib/validation/stories";

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
