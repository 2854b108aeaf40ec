"use client";

import { ghostSource, type Ghost } from "@/lib/workspace/ghosts";
import type { Dimension } from "@/lib/schema/types";
import type { StoredSpan } from "@/lib/schema/types";
import { dimensionValues } from "@/lib/schema/helpers";

/** A suggested value in words: its label, a target's name, a quoted text, or the marked words. */
export function describeValue(d: Dimension, value: unknown, targets: readonly { key: string; name: string }[], text: string): string {
  const label = (id: string) =>
    dimensionValues(d).find((v) => v.id === id)?.label ??
    (d.kind === "target_choice" ? targets.find((t) => t.key === id)?.name : undefined) ??
    id;
  if (d.kind === "text" && typeof value === "string") return `“${value}”`;
  if (d.kind === "flag") return value === true ? "flagged" : "not flagged";
  if (d.kind === "span" && Array.isArray(value))
    return (value as StoredSpan[]).map((s) => `“${text.slice(s.start, s.end)}” as ${label(s.label)}`).join("; ");
  if (Array.isArray(value)) return value.map((v) => label(String(v))).join(", ");
  return label(String(value));
}

/**
 * The machine's suggestions for one dimension, shown as ghosts: a dashed box, the word "suggested",
 * the provider, rule and confidence. Not a label until accepted (y) or chosen.
 */
export function SuggestedValues({
  dimension,
  ghosts,
  targets,
  text,
}: {
  dimension: Dimension;
  ghosts: Ghost[];
  targets: readonly { key: string; name: string }[];
  text: string;
}) {
  if (!ghosts.length) return null;
  return (
    <ul className="mb-1 flex flex-wrap gap-1 text-xs" aria-label={`Suggested ${dimension.label}`}>
      {ghosts.map((g) => {
        const target = g.target ? `${targets.find((t) => t.key === g.target)?.name ?? g.target}: ` : "";
        return (
          <li
            key={g.id}
            data-testid="ghost"
            className="rounded border border-dashed border-stone-600 px-1.5 py-0.5 text-stone-800 dark:border-stone-400 dark:text-stone-200"
          >
            <span aria-hidden>✦ </span>
            <span className="font-semibold">suggested</span> {target}
            {describeValue(dimension, g.value, targets, text)}{" "}
            <span className="text-stone-600 dark:text-stone-400">({ghostSource(g)})</span>
          </li>
        );
      })}
    </ul>
  );
}
