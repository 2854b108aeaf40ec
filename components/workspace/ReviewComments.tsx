"use client";

import type { WorkspaceProps } from "@/components/workspace/types";

/** Comments a reviewer sent back on the current sentence (visible to this annotator only). */
export function ReviewComments({ comments, segmentId }: { comments: WorkspaceProps["data"]["reviewComments"]; segmentId: string }) {
  const here = comments.filter((c) => c.segmentId === segmentId);
  if (!here.length) return null;
  return (
    <section
      aria-labelledby="rc-h"
      className="rounded-md border border-amber-500 bg-amber-50 p-2 text-sm text-stone-900 dark:bg-amber-950 dark:text-amber-50"
    >
      <h3 id="rc-h" className="font-semibold">
        ✎ Sent back by a reviewer
      </h3>
      <ul className="mt-1 space-y-1">
        {here.map((c) => (
          <li key={c.id}>
            <span className="font-medium">{c.from}</span>{" "}
            <span className="muted text-xs">{c.createdAt.slice(0, 16).replace("T", " ")} UTC</span>
            <p>{c.comment}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
