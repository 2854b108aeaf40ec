"use client";

import { useMemo, useState } from "react";
import { updateSchemaAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { useFormAction } from "@/components/projects/form";
import { FormStatus } from "@/components/ui/FormStatus";
import { useServerState } from "@/components/projects/SettingsForms";
import { hasRemovals, parseLabelSchemaJson, schemaRemovals } from "@/lib/schema/changes";
import type { LabelSchema } from "@/lib/schema/schema";
import type { Dimension, RequiredRule } from "@/lib/schema/types";

const pretty = (s: LabelSchema) => JSON.stringify(s, null, 2);

const KIND_LABELS: Record<Dimension["kind"], string> = {
  per_target: "one value per target",
  single: "one value",
  multi: "several values",
  span: "labelled word spans",
  text: "free text",
  target_choice: "a target or a fixed value",
  flag: "on / off",
};

function requiredText(rule: RequiredRule): string {
  if (rule === "always") return "required";
  if (rule === "never") return "optional";
  return `required when ${rule.when.dimension} is ${rule.when.in.join(" or ")}`;
}

/** A readable summary of a label schema: dimensions, their values and keyboard keys. */
function SchemaSummary({ schema }: { schema: LabelSchema }) {
  return (
    <div className="space-y-3 text-sm">
      <p className="font-medium">{schema.name}</p>
      <ol className="space-y-3">
        {schema.dimensions.map((d) => (
          <li key={d.id} className="rounded-md border border-stone-200 p-2 dark:border-stone-700">
            <p>
              <span className="font-medium">{d.label}</span> <code className="muted text-xs">{d.id}</code>
            </p>
            <p className="muted text-xs">
              {KIND_LABELS[d.kind]} · {requiredText(d.required)}
              {d.kind === "text" ? ` · up to ${d.maxLength} characters` : ""}
            </p>
            {d.description && <p className="mt-1 text-xs">{d.description}</p>}
            {"values" in d && d.values.length > 0 && (
              <ul className="mt-1 flex flex-wrap gap-1" aria-label={`Values of ${d.label}`}>
                {d.values.map((v) => (
                  <li
                    key={v.id}
                    className="rounded-full border border-stone-300 px-2 py-0.5 text-xs dark:border-stone-600"
                    title={v.description}
                  >
                    {v.key && (
                      <kbd className="mr-1 rounded border border-stone-400 px-1 font-mono" aria-label={`key ${v.key}`}>
                        {v.key}
                      </kbd>
                    )}
                    {v.label} <code className="muted">{v.id}</code>
                  </li>
                ))}
              </ul>
            )}
            {d.kind === "target_choice" && <p className="muted mt-1 text-xs">Plus each of the project&apos;s targets.</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}

interface Props {
  projectId: string;
  schema: LabelSchema;
  schemaVersion: number;
  templates: { id: string; name: string; schema: LabelSchema }[];
}

/** The label schema as JSON, validated as you type, with a summary of what it describes. */
export function LabelSchemaEditor({ projectId, schema, schemaVersion, templates }: Props) {
  const [state, onSubmit, pending] = useFormAction(updateSchemaAction);
  const [text, setText] = useServerState(() => pretty(schema), String(schemaVersion));
  const [template, setTemplate] = useState(templates[0]?.id ?? "");
  const result = useMemo(() => parseLabelSchemaJson(text), [text]);
  const removals = useMemo(() => (result.ok ? schemaRemovals(schema, result.schema) : null), [result, schema]);
  const changed = text !== pretty(schema);

  return (
    <form onSubmit={onSubmit} className="card space-y-3" aria-labelledby="schema-h">
      <h2 id="schema-h" className="text-lg font-semibold">
        Label schema <span className="muted text-sm font-normal">(version {schemaVersion})</span>
      </h2>
      <p className="muted text-sm">
        You can add dimensions and values and change their labels, descriptions, keys and required rules. Ids that stored labels use cannot
        be removed or renamed: change the label instead. Every saved change makes a new schema version.
      </p>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="expectedVersion" value={schemaVersion} />
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label className="label" htmlFor="schema-template">
            Start from a template
          </label>
          <select id="schema-template" value={template} onChange={(e) => setTemplate(e.target.value)} className="input">
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" onClick={() => setText(pretty(templates.find((t) => t.id === template)!.schema))}>
          Load template into the editor
        </button>
        <button type="button" className="btn" onClick={() => setText(pretty(schema))} disabled={!changed}>
          Discard edits
        </button>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <label className="label" htmlFor="schema-json">
            Schema (JSON)
          </label>
          <textarea
            id="schema-json"
            name="json"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={28}
            spellCheck={false}
            aria-invalid={!result.ok}
            aria-describedby="schema-check"
            className="input font-mono text-xs"
          />
          <div id="schema-check" aria-live="polite" className="mt-1 text-sm">
            {result.ok ? (
              <p className="text-green-800 dark:text-green-300">
                <span aria-hidden="true">✓ </span>Valid schema{changed ? " (not saved yet)" : ""}.
              </p>
            ) : (
              <div className="text-red-800 dark:text-red-300">
                <p>
                  <span aria-hidden="true">⚠ </span>
                  {result.errors.length === 1 ? "1 problem" : `${result.errors.length} problems`}:
                </p>
                <ul className="list-disc pl-5 font-mono text-xs">
                  {result.errors.slice(0, 20).map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </div>
            )}
            {removals && hasRemovals(removals) && (
              <div className="mt-2 text-amber-900 dark:text-amber-300">
                <p>
                  <span aria-hidden="true">◐ </span>This edit removes ids; saving is refused if stored labels use them:
                </p>
                <ul className="list-disc pl-5 text-xs">
                  {removals.dimensions.map((d) => (
                    <li key={`d-${d.id}`}>dimension {d.id}</li>
                  ))}
                  {removals.kindChanges.map((d) => (
                    <li key={`k-${d.id}`}>
                      dimension {d.id} changes kind ({d.from} → {d.to})
                    </li>
                  ))}
                  {removals.values.map((v) => (
                    <li key={`v-${v.dimension}`}>
                      {v.dimension}: {v.ids.join(", ")}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </div>
        <section aria-labelledby="schema-summary-h">
          <h3 id="schema-summary-h" className="label">
            Summary {result.ok ? "" : "(of the saved schema, while the JSON has problems)"}
          </h3>
          <SchemaSummary schema={result.ok ? result.schema : schema} />
        </section>
      </div>
      <div>
        <button className="btn-primary" disabled={pending || !result.ok}>
          {pending ? "Saving…" : "Save label schema"}
        </button>
        <FormStatus state={state} />
        {state?.inUse && (
          <ul className="mt-1 list-disc pl-5 text-sm text-red-800 dark:text-red-300" aria-label="In use by stored labels">
            {state.inUse.map((u) => (
              <li key={u.what}>
                {u.what}: {u.labels} label{u.labels === 1 ? "" : "s"}
              </li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}
