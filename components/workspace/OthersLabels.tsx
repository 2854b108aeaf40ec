"use client";

import type { LabelSchema } from "@/lib/schema/schema";
import { valueLabel } from "@/lib/schema/helpers";
import type { WorkspaceProps } from "@/components/workspace/types";

/** Other annotators' labels on this sentence: shown only in projects with blind annotation off. */
export function OthersLabels({
  others,
  segmentId,
  schema,
  targets,
}: {
  others: WorkspaceProps["data"]["others"];
  segmentId: string;
  schema: LabelSchema;
  targets: { key: string; name: string }[];
}) {
  const mine = others.filter((o) => o.segmentId === segmentId);
  const targetNames = Object.fromEntries(targets.map((t) => [t.key, t.name]));
  const show = (dimension: string, v: unknown): string => {
    if (typeof v === "string") return valueLabel(schema, dimension, v, targetNames);
    if (Array.isArray(v))
      return v.map((x) => (typeof x === "string" ? valueLabel(schema, dimension, x) : `${(x as { label: string }).label}`)).join(", ");
    return String(v);
  };
  return (
    <section aria-labelledby="others-h" className="rounded-md border border-dashed border-stone-300 p-2 text-sm dark:border-stone-600">
      <h3 id="others-h" className="font-semibold">
        Other annotators (blind annotation is off)
      </h3>
      {mine.length === 0 ? (
        <p className="muted">No labels from others on this sentence.</p>
      ) : (
        <ul>
          {mine.map((o, i) => (
            <li key={i}>
              <span className="font-medium">{o.annotator}</span>:{" "}
              {schema.dimensions.find((d) => d.id === o.dimension)?.label ?? o.dimension}
              {o.target ? ` (${targetNames[o.target] ?? o.target})` : ""} — {show(o.dimension, o.value)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
