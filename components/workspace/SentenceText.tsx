"use client";

import { useRef } from "react";
import type { StoredSpan } from "@/lib/schema/types";
import type { Evidence } from "@/lib/workspace/ghosts";
import type { Segment } from "@/components/workspace/types";

type Range = { start: number; end: number };
const covers = (r: Range | null, a: number, b: number) => !!r && r.start <= a && r.end >= b;

/** Cuts [start, end) into pieces at every span, evidence and selection boundary, marking what covers each piece. */
function pieces(start: number, end: number, spans: StoredSpan[], evidence: Evidence, selection: Range | null) {
  const cuts = new Set([start, end]);
  for (const r of [...spans, ...evidence.quotes, evidence.cue, selection])
    if (r) [r.start, r.end].forEach((c) => c > start && c < end && cuts.add(c));
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((a, i) => {
    const b = sorted[i + 1]!;
    return {
      start: a,
      end: b,
      labels: spans.filter((s) => covers(s, a, b)).map((s) => s.label),
      quote: evidence.quotes.some((q) => covers(q, a, b)),
      cue: covers(evidence.cue, a, b),
      selected: covers(selection, a, b),
    };
  });
}

/** Suggested evidence is drawn by line style, not colour: quoted words dashed-underlined, the cue dotted-boxed. */
export const QUOTE_EVIDENCE = "border-b-2 border-dashed border-stone-700 dark:border-stone-300";
export const CUE_EVIDENCE = "rounded-sm outline outline-1 outline-dotted outline-stone-700 dark:outline-stone-300";

/** The current sentence with its span highlights; selecting text with the mouse sets the selection. */
export function SentenceText({
  text,
  segment,
  spans,
  evidence,
  selection,
  onSelect,
}: {
  text: string;
  segment: Segment;
  spans: StoredSpan[];
  /** the suggestions' evidence (quotes, cue): shown in the text, never a label */
  evidence: Evidence;
  selection: { start: number; end: number } | null;
  onSelect: (sel: { start: number; end: number } | null) => void;
}) {
  const ref = useRef<HTMLParagraphElement>(null);

  function onMouseUp() {
    const el = ref.current;
    const sel = window.getSelection();
    if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return;
    // Offsets within the sentence = length of the text before each end of the range.
    const offset = (node: Node, off: number) => {
      const r = document.createRange();
      r.setStart(el, 0);
      r.setEnd(node, off);
      return r.toString().length;
    };
    const a = segment.start + offset(range.startContainer, range.startOffset);
    const b = segment.start + offset(range.endContainer, range.endOffset);
    sel.removeAllRanges();
    if (b > a) onSelect({ start: a, end: b });
  }

  return (
    // Mouse selection is a shortcut; the keyboard selects words with Shift+arrows (Workspace).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <p
      ref={ref}
      onMouseUp={onMouseUp}
      className="mt-1 rounded-md border border-stone-200 bg-white p-3 font-serif text-lg leading-relaxed dark:border-stone-700 dark:bg-stone-900"
      data-testid="current-sentence"
    >
      {pieces(segment.start, segment.end, spans, evidence, selection).map((piece) => {
        const t = text.slice(piece.start, piece.end);
        const marks = `${piece.quote ? QUOTE_EVIDENCE : ""} ${piece.cue ? CUE_EVIDENCE : ""}`;
        if (!piece.labels.length && !piece.selected)
          return (
            <span key={piece.start} className={marks}>
              {t}
            </span>
          );
        return (
          <mark
            key={piece.start}
            className={`${marks} ${piece.labels.length ? "bg-yellow-200 text-stone-900 underline decoration-wavy decoration-amber-600" : "bg-transparent text-inherit"} ${piece.selected ? "outline outline-2 outline-blue-600" : ""}`}
            title={piece.labels.join(", ") || "selected"}
          >
            {t}
          </mark>
        );
      })}
      {selection && <span className="sr-only"> (selected: {text.slice(selection.start, selection.end)})</span>}
    </p>
  );
}
