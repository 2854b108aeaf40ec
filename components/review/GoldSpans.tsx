"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { Dimension, StoredSpan } from "@/lib/schema/types";
import { addSpan, caretFromSelection, wordRanges } from "@/lib/workspace/words";
import type { Verdict } from "@/lib/review/majority";
import type { ReviewSentence } from "@/components/review/types";
import type { GoldEntry } from "@/components/review/useGold";
import { spanMarkedByAnnotator } from "@/components/review/format";

type SpanDimension = Extract<Dimension, { kind: "span" }>;

interface Props {
  dim: SpanDimension;
  s: ReviewSentence;
  text: string;
  gold: GoldEntry | undefined;
  verdict: Verdict | undefined;
  names: Record<string, string>;
  /** A span label key pressed in review: focus the "add" form with that label; `n` changes on every press. */
  focusRequest: { label: string; n: number } | null;
  onSet: (spans: StoredSpan[] | null) => void;
}

type Edge = "start" | "end";

/**
 * Spans of one label with only whitespace between them become one, as the majority joins its
 * adjacent words: including a tied word next to the majority's gives one span, not two.
 */
function joinAdjacent(spans: readonly StoredSpan[], text: string): StoredSpan[] {
  const out: StoredSpan[] = [];
  for (const sp of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const prev = out.findLast((p) => p.label === sp.label);
    if (prev && (prev.end >= sp.start || text.slice(prev.end, sp.start).trim() === "")) prev.end = Math.max(prev.end, sp.end);
    else out.push({ ...sp });
  }
  return out;
}

/**
 * Gold spans of one span dimension, edited with buttons and selects (every one reachable by Tab):
 * accept the majority's words, take one annotator's spans, include a tied run of words, add a span
 * from word to word, move a span's start or end by a word, remove one. Each change is saved at once
 * as the whole gold list (the server snaps, sorts and merges it).
 */
export function GoldSpans({ dim, s, text, gold, verdict, names, focusRequest, onSet }: Props) {
  const key = `${dim.id}:`;
  const words = useMemo(() => wordRanges(text, s.start, s.end), [text, s.start, s.end]);
  const current = gold && Array.isArray(gold.value) ? (gold.value as StoredSpan[]) : null;
  const base = current ?? [];
  const labelName = (id: string) => dim.values.find((v) => v.id === id)?.label ?? id;
  const quote = (sp: { start: number; end: number }) => `“${text.slice(sp.start, sp.end)}”`;
  const majority = verdict?.majority ?? null;
  const sure = majority?.spans?.sure ?? [];
  const tied = majority?.spans?.tied ?? [];

  // The label of the "add" form: the one picked in the select, or the one whose key was pressed since.
  const [picked, setPicked] = useState({ label: dim.values[0]?.id ?? "", n: focusRequest?.n ?? 0 });
  const label = focusRequest && focusRequest.n > picked.n ? focusRequest.label : picked.label;
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  const labelRef = useRef<HTMLSelectElement>(null);
  // Only a key pressed while this sentence is shown moves the focus (not one from an earlier sentence).
  const handled = useRef(focusRequest?.n ?? 0);
  useEffect(() => {
    if (!focusRequest || focusRequest.n <= handled.current) return;
    handled.current = focusRequest.n;
    labelRef.current?.focus();
  }, [focusRequest]);

  const save = (spans: StoredSpan[]) => {
    const joined = joinAdjacent(spans, text);
    onSet(joined.length ? joined : null);
  };
  const replace = (i: number, next: StoredSpan | null) =>
    save(
      next ? base.filter((_, j) => j !== i).reduce<StoredSpan[]>((acc, sp) => addSpan(acc, sp), [next]) : base.filter((_, j) => j !== i),
    );

  /** The span with its start or end moved one word; null when that would leave the sentence or empty the span. */
  const moved = (sp: StoredSpan, edge: Edge, dir: -1 | 1): StoredSpan | null => {
    const caret = caretFromSelection(words, sp);
    if (!caret) return null;
    const [first, last] = [caret.anchor, caret.focus];
    const a = edge === "start" ? first + dir : first;
    const b = edge === "end" ? last + dir : last;
    if (a < 0 || b >= words.length || a > b) return null;
    return { start: words[a]!.start, end: words[b]!.end, label: sp.label };
  };

  const fromIdx = Math.min(from, words.length - 1);
  const toIdx = Math.max(fromIdx, Math.min(to, words.length - 1));
  const wordOption = (w: { start: number; end: number }, i: number) => (
    <option key={i} value={i}>
      {i + 1}. {text.slice(w.start, w.end)}
    </option>
  );
  const spansOf = (l: ReviewSentence["labels"][number]) => (Array.isArray(l.values[key]) ? (l.values[key] as StoredSpan[]) : []);
  const shown = (spans: StoredSpan[]) =>
    spans.length ? spans.map((sp) => `${quote(sp)} (${labelName(sp.label)})`).join(", ") : "no spans";

  return (
    <div className="space-y-2 text-sm" data-testid={`gold-spans-${dim.id}`}>
      {current ? (
        <ul className="space-y-1" aria-label={`Gold ${dim.label} spans`}>
          {current.map((sp, i) => {
            const unmarked = !spanMarkedByAnnotator(s, key, sp);
            const name = `${quote(sp)} (${labelName(sp.label)})`;
            const edgeButton = (edge: Edge, dir: -1 | 1, glyph: string, words: string) => {
              const next = moved(sp, edge, dir);
              return (
                <button
                  type="button"
                  className="btn px-1.5 py-0.5 text-xs"
                  disabled={!next}
                  aria-label={`${words} of ${name}`}
                  onClick={() => next && replace(i, next)}
                >
                  {glyph}
                </button>
              );
            };
            return (
              <li key={`${sp.start}-${sp.end}-${sp.label}`} className="flex flex-wrap items-center gap-1" data-testid="gold-span">
                <span className="mr-1">
                  {name}
                  {unmarked && (
                    <span className="ml-1 text-xs font-semibold text-amber-800 dark:text-amber-300">⚠ no annotator marked this</span>
                  )}
                </span>
                {edgeButton("start", -1, "◀ start", "Start one word earlier")}
                {edgeButton("start", 1, "start ▶", "Start one word later")}
                {edgeButton("end", -1, "◀ end", "End one word earlier")}
                {edgeButton("end", 1, "end ▶", "End one word later")}
                <button type="button" className="btn px-1.5 py-0.5 text-xs" aria-label={`Remove ${name}`} onClick={() => replace(i, null)}>
                  ✕ remove
                </button>
              </li>
            );
          })}
          {current.length === 0 && <li>no spans</li>}
        </ul>
      ) : (
        <p>Gold: {gold ? "no spans" : "not set"}</p>
      )}
      <p className="muted">
        Majority (words marked by more than half):{" "}
        {!majority ? "no votes" : majority.tie ? `tie; without the tied words: ${shown(sure)}` : shown(sure)}
      </p>
      <div className="flex flex-wrap gap-1">
        {majority && (
          <button type="button" className="btn" onClick={() => save(sure)}>
            {majority.tie ? "Accept the majority's words, tied ones left out" : "Accept majority spans"}
          </button>
        )}
        {s.labels
          .filter((l) => l.confirmed)
          .map((l) => (
            <button key={l.userId} type="button" className="btn" onClick={() => save(spansOf(l))}>
              Use {names[l.userId] ?? l.userId}&apos;s spans
            </button>
          ))}
        {gold && gold.value !== null && (
          <button type="button" className="btn" onClick={() => onSet(null)}>
            No spans
          </button>
        )}
      </div>
      {tied.length > 0 && (
        <div role="group" aria-label={`Tied ${dim.label} words`} className="rounded-md border-2 border-dashed border-red-700 p-2">
          <p className="font-semibold text-red-800 dark:text-red-300">
            Tie: marked by exactly half of the {majority?.of ?? 0} annotators. Include each in the gold spans or leave it out:
          </p>
          <ul className="mt-1 space-y-1">
            {tied.map((sp) => {
              const name = `${quote(sp)} (${labelName(sp.label)})`;
              const included = base.some((g) => g.label === sp.label && g.start <= sp.start && g.end >= sp.end);
              return (
                <li key={`${sp.start}-${sp.end}-${sp.label}`} className="flex flex-wrap items-center gap-2">
                  <span>{name}</span>
                  <button
                    type="button"
                    className="btn px-1.5 py-0.5 text-xs"
                    disabled={included}
                    aria-label={`Include ${name} in the gold spans`}
                    onClick={() => save(addSpan(current ?? sure, sp))}
                  >
                    {included ? "✓ included" : "+ include"}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {words.length > 0 && (
        <fieldset className="flex flex-wrap items-end gap-2 border-t border-stone-200 pt-2 dark:border-stone-700">
          <legend className="sr-only">Add a gold {dim.label} span</legend>
          <label className="block">
            <span className="label">Label</span>
            <select
              ref={labelRef}
              className="input w-auto"
              value={label}
              onChange={(e) => setPicked({ label: e.target.value, n: focusRequest?.n ?? 0 })}
            >
              {dim.values.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="label">From word</span>
            <select
              className="input w-auto max-w-[10rem]"
              value={fromIdx}
              onChange={(e) => {
                const i = Number(e.target.value);
                setFrom(i);
                if (to < i) setTo(i);
              }}
            >
              {words.map(wordOption)}
            </select>
          </label>
          <label className="block">
            <span className="label">To word</span>
            <select className="input w-auto max-w-[10rem]" value={toIdx} onChange={(e) => setTo(Number(e.target.value))}>
              {words.map((w, i) => (i >= fromIdx ? wordOption(w, i) : null))}
            </select>
          </label>
          <button
            type="button"
            className="btn"
            onClick={() => save(addSpan(base, { start: words[fromIdx]!.start, end: words[toIdx]!.end, label }))}
          >
            + Add span
          </button>
        </fieldset>
      )}
    </div>
  );
}
