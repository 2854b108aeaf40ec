"use client";

import { Markdown } from "@/components/projects/Markdown";

/** The project's guidelines (markdown; raw HTML is not rendered, links cannot run script). */
export function Guidelines({ markdown, onClose }: { markdown: string; onClose: () => void }) {
  return (
    <section
      aria-labelledby="guidelines-h"
      className="mb-4 rounded-md border border-stone-200 bg-stone-50 p-3 text-sm dark:border-stone-700 dark:bg-stone-900"
    >
      <div className="flex items-center justify-between">
        <h2 id="guidelines-h" className="font-semibold">
          Guidelines
        </h2>
        <button type="button" className="btn" onClick={onClose}>
          Hide
        </button>
      </div>
      {markdown.trim() ? (
        <div className="mt-2">
          <Markdown>{markdown}</Markdown>
        </div>
      ) : (
        <p className="muted mt-2">This project has no guidelines yet.</p>
      )}
    </section>
  );
}
