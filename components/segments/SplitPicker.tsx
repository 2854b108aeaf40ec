"use client";

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { splitCandidates, type Range } from "@/lib/segment/edit";

interface Props {
  text: string;
  segment: Range;
  number: number;
  busy: boolean;
  onSplit: (at: number) => void;
  onCancel: () => void;
}

const words = (s: string) => s.trim().split(/\s+/u);
const tail = (s: string, k = 4) => (words(s).length > k ? "…" : "") + words(s).slice(-k).join(" ");
const head = (s: string, k = 4) => words(s).slice(0, k).join(" ") + (words(s).length > k ? "…" : "");

/** The absolute text offset under a click, read from the caret position the browser reports. */
function offsetAt(e: MouseEvent): number | null {
  const d = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const pos = d.caretPositionFromPoint?.(e.clientX, e.clientY);
  const range = pos ? null : document.caretRangeFromPoint?.(e.clientX, e.clientY);
  const node = pos?.offsetNode ?? range?.startContainer;
  const offset = pos?.offset ?? range?.startOffset;
  const base = node?.parentElement?.dataset.offset;
  return node?.nodeType === Node.TEXT_NODE && base !== undefined && offset !== undefined ? Number(base) + offset : null;
}

/**
 * Choosing where a sentence splits: a slider over the gaps between words (arrow keys, Home/End,
 * Enter to split, Esc to cancel), or a click between two words.
 */
export function SplitPicker({ text, segment, number, busy, onSplit, onCancel }: Props) {
  const candidates = useMemo(() => splitCandidates(text, segment), [text, segment]);
  // Start at a likely missed sentence break (after . ! ?), else in the middle.
  const [k, setK] = useState(() => {
    const i = candidates.findIndex((c) => /[.!?]["'”’)\]]*$/u.test(text.slice(segment.start, c.first.end)));
    return i >= 0 ? i : Math.floor(candidates.length / 2);
  });
  const slider = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => (slider.current ?? cancel.current)?.focus(), []);

  const helpId = `split-help-${segment.start}`;
  const c = candidates[k];
  if (!c) {
    return (
      <div className="mt-3 rounded-md border border-stone-300 p-3 dark:border-stone-600">
        <p role="alert" className="text-sm">
          Sentence {number} cannot be split: there is no gap between two words in it.
        </p>
        <button ref={cancel} type="button" className="btn mt-2" onClick={onCancel}>
          Close
        </button>
      </div>
    );
  }
  const before = text.slice(segment.start, c.first.end);
  const after = text.slice(c.second.start, segment.end);

  function onKeyDown(e: KeyboardEvent) {
    const last = candidates.length - 1;
    const moves: Record<string, number> = {
      ArrowLeft: k - 1,
      ArrowUp: k - 1,
      ArrowRight: k + 1,
      ArrowDown: k + 1,
      Home: 0,
      End: last,
      PageUp: k - 5,
      PageDown: k + 5,
    };
    if (e.key in moves) {
      e.preventDefault();
      setK(Math.max(0, Math.min(last, moves[e.key]!)));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!busy) onSplit(c!.at);
    } else if (e.key === "Escape") {
      e.preventDefault();
      onCancel();
    }
  }

  function onClick(e: MouseEvent) {
    const at = offsetAt(e);
    if (at === null) return;
    const distance = (x: (typeof candidates)[number]) =>
      at < x.first.end ? x.first.end - at : at > x.second.start ? at - x.second.start : 0;
    let best = 0;
    candidates.forEach((x, i) => {
      if (distance(x) < distance(candidates[best]!)) best = i;
    });
    setK(best);
  }

  return (
    <div className="mt-3 space-y-2 rounded-md border border-blue-300 bg-blue-50/50 p-3 dark:border-blue-800 dark:bg-blue-950/30">
      <p id={helpId} className="muted text-sm">
        Choose where sentence {number} ends: <kbd>←</kbd>/<kbd>→</kbd> move between words, <kbd>Home</kbd>/<kbd>End</kbd> jump,{" "}
        <kbd>Enter</kbd> splits, <kbd>Esc</kbd> cancels. Or click between two words.
      </p>
      <div
        ref={slider}
        role="slider"
        tabIndex={0}
        aria-label={`Split point in sentence ${number}`}
        aria-valuemin={1}
        aria-valuemax={candidates.length}
        aria-valuenow={k + 1}
        aria-valuetext={`after “${tail(before)}”, before “${head(after)}”`}
        aria-describedby={helpId}
        onKeyDown={onKeyDown}
        onClick={onClick}
        className="cursor-text rounded border border-stone-300 bg-white p-2 font-serif leading-relaxed dark:border-stone-600 dark:bg-stone-900"
      >
        <span data-offset={segment.start}>{before}</span>
        <span aria-hidden className="mx-1 inline-block h-[1.2em] w-0.5 bg-red-600 align-middle" />
        <span data-offset={c.second.start} className="text-blue-900 dark:text-blue-200">
          {after}
        </span>
      </div>
      <p className="text-sm" aria-hidden>
        Split point {k + 1} of {candidates.length}: the first part ends with “{tail(before)}”, the second starts with “{head(after)}”.
      </p>
      <div className="flex gap-2">
        <button type="button" className="btn-primary" disabled={busy} onClick={() => onSplit(c.at)}>
          Split here
        </button>
        <button ref={cancel} type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
