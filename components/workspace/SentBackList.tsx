"use client";

import type { WorkspaceProps } from "@/components/workspace/types";

type Comment = WorkspaceProps["data"]["reviewComments"][number];

/**
 * The sentences reviewers sent back that are not confirmed again yet, above the workspace, each
 * with its comments and a button to go to it. Confirming a sentence again takes it off the list.
 */
export function SentBackList({
  sentences,
  label,
  onGo,
}: {
  sentences: { index: number; comments: Comment[] }[];
  /** how the workspace names a sentence ("Sentence 5") */
  label: (index: number) => string;
  onGo: (index: number) => void;
}) {
  if (!sentences.length) return null;
  return (
    <section
      aria-labelledby="sent-back-h"
      data-testid="sent-back"
      className="max-h-40 overflow-y-auto border-b border-amber-400 bg-amber-50 px-4 py-2 text-sm text-stone-900 dark:bg-amber-950 dark:text-amber-50"
    >
      <h2 id="sent-back-h" className="font-semibold">
        ✎ Sent back by a reviewer: {sentences.length} sentence{sentences.length === 1 ? "" : "s"} to look at again and confirm (Enter)
        <span className="font-normal"> · the document counts as not done until then</span>
      </h2>
      <ul className="mt-1 space-y-1">
        {sentences.map(({ index, comments }) => (
          <li key={index} className="flex flex-wrap items-baseline gap-x-2">
            <button type="button" className="underline" onClick={() => onGo(index)}>
              {label(index)}
            </button>
            {comments.map((c) => (
              <span key={c.id}>
                <span className="font-medium">{c.from}:</span> {c.comment}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
