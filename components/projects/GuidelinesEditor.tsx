"use client";

import { useId } from "react";
import { Markdown } from "@/components/projects/Markdown";
import { MAX_GUIDELINES } from "@/lib/validation/projects";

/** Markdown guidelines with a live preview beside them. */
export function GuidelinesEditor({
  value,
  onChange,
  name = "guidelines",
}: {
  value: string;
  onChange: (v: string) => void;
  name?: string;
}) {
  const id = useId();
  return (
    <div>
      <label className="label" htmlFor={`${id}-text`}>
        Guidelines
      </label>
      <p id={`${id}-hint`} className="muted mb-2 text-xs">
        Markdown: # headings, **bold**, *italic*, - lists, [links](https://example.org). HTML is not rendered; links must start with
        http://, https:// or mailto:.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <textarea
          id={`${id}-text`}
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={14}
          maxLength={MAX_GUIDELINES}
          aria-describedby={`${id}-hint`}
          className="input font-mono"
        />
        <section
          aria-labelledby={`${id}-preview`}
          className="max-h-96 overflow-auto rounded-md border border-dashed border-stone-300 p-3 dark:border-stone-600"
        >
          <h3 id={`${id}-preview`} className="muted mb-2 text-xs font-semibold uppercase tracking-wide">
            Preview
          </h3>
          {value.trim() ? <Markdown>{value}</Markdown> : <p className="muted text-sm">Nothing to preview yet.</p>}
        </section>
      </div>
    </div>
  );
}
