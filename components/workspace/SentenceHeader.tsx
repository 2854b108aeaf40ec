"use client";

import type { StoredSpan } from "@/lib/schema/types";
import type { Segment } from "@/components/workspace/types";
import type { Evidence } from "@/lib/workspace/ghosts";
import { CUE_EVIDENCE, QUOTE_EVIDENCE, SentenceText } from "@/components/workspace/SentenceText";

const excerpt = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** The evidence drawn in the sentence, in words: which words are quoted and which is the cue. */
function EvidenceLegend({ text, evidence }: { text: string; evidence: Evidence }) {
  if (!evidence.quotes.length && !evidence.cue) return null;
  return (
    <p className="mt-1 text-xs text-stone-700 dark:text-stone-300" data-testid="evidence">
      <span className="font-semibold">Suggested evidence</span> (not labels):{" "}
      {evidence.quotes.map((q) => (
        <span key={q.start} className="mr-2">
          <span className={QUOTE_EVIDENCE}>quote</span> “{excerpt(text.slice(q.start, q.end))}”
        </span>
      ))}
      {evidence.cue && (
        <span>
          <span className={CUE_EVIDENCE}>cue</span> “{text.slice(evidence.cue.start, evidence.cue.end)}”
        </span>
      )}
    </p>
  );
}

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
  evidence: Evidence;
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
      <SentenceText text={p.text} segment={segment} spans={p.spans} evidence={p.evidence} selection={p.selection} onSelect={p.onSelect} />
      <EvidenceLegend text={p.text} evidence={p.evidence} />
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
