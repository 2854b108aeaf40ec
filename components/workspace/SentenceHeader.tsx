"use client";

import type { StoredSpan } from "@/lib/schema/types";
import type { Segment } from "@/components/workspace/types";
import { SentenceText } from "@/components/workspace/SentenceText";

/**
 * The current sentence above the label controls, outside their scrolling region, so it never
 * covers a control: its position among the sentences to annotate (the same count as the progress
 * bar), its text with spans and selection, and what the word caret's keys do right now.
 */
export function SentenceHeader(p: {
  text: string;
  segment: Segment;
  /** position among the sentences to annotate; null for a sentence outside them (skipped boilerplate) */
  position: { index: number; total: number } | null;
  spans: StoredSpan[];
  selection: { start: number; end: number } | null;
  onSelect: (sel: { start: number; end: number } | null) => void;
  /** what has been typed to find a word, while finding */
  find: string | null;
}) {
  const { segment } = p;
  return (
    <div className="flex-none border-b border-stone-200 bg-stone-50 px-4 pb-3 pt-4 dark:border-stone-800 dark:bg-stone-950">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-stone-600 dark:text-stone-300">
        {p.position ? `Sentence ${p.position.index + 1} of ${p.position.total}` : "Sentence not to annotate"}
        {segment.isBoilerplate && <span className="ml-2 normal-case">(boilerplate: {segment.boilerplateReason?.replace(/_/g, " ")})</span>}
      </h2>
      <SentenceText text={p.text} segment={segment} spans={p.spans} selection={p.selection} onSelect={p.onSelect} />
      <p className="muted mt-1 min-h-5 text-xs" data-testid="caret-help">
        {p.find !== null ? (
          <>
            Find: <kbd className="rounded border border-stone-400 px-1 font-mono">{p.find || " "}</kbd> · Enter keeps the word, Esc goes
            back
          </>
        ) : p.selection ? (
          <>Selected “{p.text.slice(p.selection.start, p.selection.end)}” · Shift+←/→ resize, a span key (e.g. h) marks it, Esc clears</>
        ) : (
          <>←/→ word by word, &apos; finds a word by its first letters, n/N next/previous match</>
        )}
      </p>
    </div>
  );
}
