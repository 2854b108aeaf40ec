"use client";

import type { LabelSchema } from "@/lib/schema/schema";
import type { DimKey, ReviewSentence } from "@/components/review/types";
import type { GoldEntry } from "@/components/review/useGold";
import { goldKey, goldUnchosen, rowLabel, showValue } from "@/components/review/format";

interface Props {
  s: ReviewSentence;
  text: string;
  schema: LabelSchema;
  keys: DimKey[];
  names: Record<string, string>;
  targetNames: Record<string, string>;
  gold: Record<string, GoldEntry>;
  current: boolean;
  onPick: () => void;
}

/** One sentence with every annotator's labels side by side, the majority and the gold label per row. */
export function SentenceCard({ s, text, schema, keys, names, targetNames, gold, current, onPick }: Props) {
  const has = (v: unknown) => v !== null && v !== undefined;
  // Rows anyone filled in, plus compared rows with a disagreement or a gold label; the rest is "none" for everyone.
  const rows = keys.filter(
    (k) => s.labels.some((l) => has(l.values[k.key])) || s.verdicts[k.key]?.disagreement || gold[goldKey(s.id, k.key)],
  );
  const hidden = keys.length - rows.length;
  const majorityText = (k: DimKey) => {
    const v = s.verdicts[k.key];
    if (!v?.majority) return "";
    if (v.majority.tie) return "tie";
    return `${showValue(schema, k.dimension, v.majority.value, text, targetNames)} (${v.majority.votes}/${v.majority.of})`;
  };
  return (
    <article
      id={`rs-${s.id}`}
      aria-current={current ? "true" : undefined}
      className={`rounded-lg border bg-white p-3 dark:bg-stone-900 ${current ? "border-amber-500 ring-2 ring-amber-500" : "border-stone-200 dark:border-stone-700"}`}
      data-testid="review-sentence"
      data-disagreements={s.disagreements}
    >
      <div className="flex items-baseline gap-2">
        <button
          type="button"
          onClick={onPick}
          className="text-sm font-semibold hover:underline"
          aria-label={`Review sentence ${s.index + 1}${current ? " (current)" : ""}`}
        >
          {current && <span aria-hidden>▶ </span>}Sentence {s.index + 1}
        </button>
        {s.disagreements > 0 ? (
          <span className="rounded border border-red-700 px-1.5 text-xs font-semibold text-red-800 dark:text-red-300">
            ≠ {s.disagreements} disagreement{s.disagreements === 1 ? "" : "s"}
          </span>
        ) : s.labels.some((l) => l.confirmed) ? (
          <span className="rounded border border-green-700 px-1.5 text-xs text-green-800 dark:text-green-300">= agree</span>
        ) : (
          <span className="muted text-xs">not labelled yet</span>
        )}
        {s.isBoilerplate && <span className="muted text-xs">boilerplate</span>}
      </div>
      <p className="mt-1 font-serif text-[1.02rem] leading-relaxed">{text.slice(s.start, s.end)}</p>
      {s.labels.length > 0 && (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-xs">
            <caption className="sr-only">Labels of sentence {s.index + 1} by annotator</caption>
            <thead className="text-left">
              <tr className="border-b border-stone-200 dark:border-stone-700">
                <th scope="col" className="py-1 pr-2">
                  Label
                </th>
                {s.labels.map((l) => (
                  <th key={l.userId} scope="col" className="py-1 pr-2">
                    {names[l.userId] ?? l.userId}
                    {!l.confirmed && <span className="muted font-normal"> (not confirmed)</span>}
                  </th>
                ))}
                <th scope="col" className="py-1 pr-2">
                  Majority
                </th>
                <th scope="col" className="py-1 pr-2">
                  Gold
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((k) => {
                const v = s.verdicts[k.key];
                const g = gold[goldKey(s.id, k.key)];
                return (
                  <tr
                    key={k.key}
                    className={`border-b border-stone-100 dark:border-stone-800 ${v?.disagreement ? "bg-red-50 dark:bg-red-950/40" : ""}`}
                  >
                    <th scope="row" className="py-1 pr-2 text-left font-medium">
                      {v?.disagreement && <span className="mr-1 font-bold text-red-800 dark:text-red-300">≠</span>}
                      {rowLabel(schema, k.dimension, k.target, targetNames)}
                      {v?.disagreement && <span className="sr-only"> (disagreement)</span>}
                    </th>
                    {s.labels.map((l) => (
                      <td key={l.userId} className={`py-1 pr-2 ${l.confirmed ? "" : "muted italic"}`}>
                        {has(l.values[k.key]) || (l.confirmed && !(k.target && l.notConfirmedFor.includes(k.target)))
                          ? showValue(schema, k.dimension, l.values[k.key], text, targetNames)
                          : "—"}
                      </td>
                    ))}
                    <td className="py-1 pr-2">{majorityText(k)}</td>
                    <td className="py-1 pr-2 font-medium">
                      {g ? `✓ ${showValue(schema, k.dimension, g.value, text, targetNames)}` : ""}
                      {g && goldUnchosen(schema, s, k.key, k.dimension, k.target, g.value) && (
                        <span className="ml-1 text-amber-800 dark:text-amber-300">⚠ no annotator chose this</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {hidden > 0 && (
            <p className="muted mt-1 text-xs">
              {hidden} more label{hidden === 1 ? "" : "s"} left empty (none) by everyone.
            </p>
          )}
        </div>
      )}
      {s.sentBack.length > 0 && (
        <ul className="mt-2 space-y-1 text-xs" aria-label="Sent back">
          {s.sentBack.map((c) => (
            <li key={c.id}>
              ↩ Sent back to {c.annotatorName} by {c.authorName}: “{c.comment}”
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
