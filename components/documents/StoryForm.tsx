"use client";

import { useState } from "react";
import { setStoryAction } from "@/app/(app)/projects/[projectId]/actions";
import { useFormAction } from "@/components/projects/form";
import { FormStatus } from "@/components/ui/FormStatus";

export const STORY_FORM_ID = "story-form";

/**
 * "Set story" for managers: the documents list's checkboxes belong to this form through their
 * `form` attribute, so the list itself stays a server-rendered list.
 */
export function StoryForm({ projectId, stories }: { projectId: string; stories: string[] }) {
  const [state, onSubmit, pending] = useFormAction(setStoryAction);
  const [selected, setSelected] = useState(0);
  const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${STORY_FORM_ID}"]`)];
  const count = () => setSelected(boxes().filter((b) => b.checked).length);
  const selectAll = (on: boolean) => {
    for (const b of boxes()) b.checked = on;
    count();
  };
  return (
    <form
      id={STORY_FORM_ID}
      onSubmit={onSubmit}
      className="card mb-3 text-sm"
      aria-labelledby="story-h"
      ref={(f) => {
        // Ticks on the list (outside this element) are change events of this form's own controls.
        if (!f) return;
        const listener = () => count();
        document.addEventListener("change", listener);
        return () => document.removeEventListener("change", listener);
      }}
    >
      <h3 id="story-h" className="font-semibold">
        Set story
      </h3>
      <p className="muted mt-1">
        A story groups the documents about one event, so that reports can compare how outlets told it. Tick documents below, type a story
        and set it; an empty story clears it.
      </p>
      <input type="hidden" name="projectId" value={projectId} />
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col">
          <span className="label">Story</span>
          <input name="story" className="input" list="story-names" maxLength={200} autoComplete="off" />
        </label>
        <datalist id="story-names">
          {stories.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button type="submit" className="btn-primary" disabled={pending || selected === 0}>
          Set story for {selected} selected
        </button>
        <button type="button" className="btn" onClick={() => selectAll(true)}>
          Select all
        </button>
        <button type="button" className="btn" onClick={() => selectAll(false)} disabled={selected === 0}>
          Select none
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
