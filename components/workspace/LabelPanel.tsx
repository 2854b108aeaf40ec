"use client";

import type { LabelSchema } from "@/lib/schema/schema";
import { dimensionValues } from "@/lib/schema/helpers";
import { TARGET_CHOICE_DIGITS } from "@/lib/workspace/keymap";
import type { StoredSpan } from "@/lib/schema/types";
import type { Segment } from "@/components/workspace/types";
import { ChoiceButton } from "@/components/ui/ChoiceButton";
import { SuggestedValues } from "@/components/workspace/SuggestedValues";
import { annotationKey } from "@/lib/schema/helpers";
import type { SentenceGhosts } from "@/lib/workspace/ghosts";
import { SourceNameInput } from "@/components/workspace/SourceNameInput";

interface Props {
  schema: LabelSchema;
  targets: { key: string; name: string }[];
  text: string;
  segment: Segment;
  get: (dimension: string, target: string | null) => unknown;
  set: (dimension: string, target: string | null, value: unknown) => void;
  focusedTarget: number;
  onFocusTarget: (i: number) => void;
  onAddSpan: (label: string) => void;
  confirmed: boolean;
  /** Names of the targets added since this sentence was confirmed: it needs confirming again for them. */
  needsTargets: string[];
  missing: string[];
  onConfirm: () => void;
  /** Source names this annotator gave earlier in the document (offered with the ledger's, see SourceNameInput). */
  suggestions: string[];
  projectSlug: string;
  /** the machine's suggested values for this sentence (ghosts, not labels) */
  ghosts: SentenceGhosts;
  /** how many of them `y` would accept (those whose dimension is still empty) */
  acceptable: number;
  onAcceptSuggestions: () => void;
  noteRef: React.RefObject<HTMLTextAreaElement | null>;
}

/** "Russia", "Russia and NATO", "Russia, NATO and Iran". */
export const listNames = (names: readonly string[]) =>
  names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

export function LabelPanel(p: Props) {
  const { schema, segment } = p;
  const ghostValue = (dimension: string, target: string | null) => p.ghosts.get(annotationKey(dimension, target))?.value;
  return (
    <div className="space-y-4">
      {p.ghosts.size > 0 && (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-dashed border-stone-500 px-2 py-1.5 text-xs">
          <p className="min-w-0 flex-1">
            <span aria-hidden>✦ </span>
            <span className="font-semibold">{p.ghosts.size} suggested</span> by the machine: not labels until you accept them, and each
            stays changeable.
          </p>
          <button type="button" className="btn text-xs" onClick={p.onAcceptSuggestions} disabled={p.acceptable === 0}>
            {p.acceptable ? `Accept ${p.acceptable}` : "All set"}{" "}
            <kbd className="ml-1 rounded border border-stone-300 px-1 text-xs" aria-hidden>
              y
            </kbd>
          </button>
        </div>
      )}
      {schema.dimensions.map((d) => {
        const describedBy = d.description ? `desc-${d.id}` : undefined;
        const missing = p.missing.includes(d.id);
        const ghosts = (
          <SuggestedValues
            dimension={d}
            ghosts={[...p.ghosts.values()].filter((g) => g.dimension === d.id)}
            targets={p.targets}
            text={p.text}
          />
        );
        const heading = (
          <div className="mb-1 flex items-baseline gap-2">
            <h3 id={`dim-${d.id}`} className="text-sm font-semibold">
              {d.label}
              {missing && <span className="ml-1 font-normal text-red-700 dark:text-red-300">(required)</span>}
            </h3>
            {d.description && (
              <p id={describedBy} className="muted truncate text-xs" title={d.description}>
                {d.description}
              </p>
            )}
          </div>
        );
        if (d.kind === "per_target") {
          return (
            <section key={d.id} aria-labelledby={`dim-${d.id}`} aria-describedby={describedBy}>
              {heading}
              {ghosts}
              <div className="space-y-1">
                {p.targets.map((t, i) => {
                  const v = p.get(d.id, t.key);
                  const focused = i === p.focusedTarget;
                  return (
                    <div
                      key={t.key}
                      role="group"
                      aria-label={`${d.label} toward ${t.name}${focused ? " (focused target)" : ""}`}
                      className={`flex flex-wrap items-center gap-1 rounded-md px-1 py-0.5 ${focused ? "bg-amber-100 ring-2 ring-amber-500 dark:bg-amber-950" : ""}`}
                    >
                      <button
                        type="button"
                        onClick={() => p.onFocusTarget(i)}
                        className="w-28 truncate text-left text-sm"
                        aria-label={`Focus target ${t.name}`}
                      >
                        {focused && <span aria-hidden>▶ </span>}
                        {t.name}
                      </button>
                      {d.values.map((val) => (
                        <ChoiceButton
                          key={val.id}
                          pressed={v === val.id}
                          suggested={ghostValue(d.id, t.key) === val.id}
                          label={val.label}
                          hint={focused ? val.key : undefined}
                          title={val.description}
                          onClick={() => p.set(d.id, t.key, v === val.id ? null : val.id)}
                        />
                      ))}
                    </div>
                  );
                })}
              </div>
            </section>
          );
        }
        if (d.kind === "single" || d.kind === "target_choice") {
          const v = p.get(d.id, null);
          const options =
            d.kind === "target_choice"
              ? [
                  ...p.targets.map((t, i) => ({
                    id: t.key,
                    label: t.name,
                    key: TARGET_CHOICE_DIGITS[i],
                    description: undefined as string | undefined,
                  })),
                  ...d.values,
                ]
              : d.values;
          return (
            <section key={d.id} aria-labelledby={`dim-${d.id}`} aria-describedby={describedBy}>
              {heading}
              {ghosts}
              <div className="flex flex-wrap gap-1">
                {options.map((val) => (
                  <ChoiceButton
                    key={val.id}
                    pressed={v === val.id}
                    suggested={ghostValue(d.id, null) === val.id}
                    label={val.label}
                    hint={val.key}
                    title={val.description}
                    onClick={() => p.set(d.id, null, v === val.id ? null : val.id)}
                  />
                ))}
              </div>
            </section>
          );
        }
        if (d.kind === "multi") {
          const v = (p.get(d.id, null) as string[] | null) ?? [];
          return (
            <section key={d.id} aria-labelledby={`dim-${d.id}`} aria-describedby={describedBy}>
              {heading}
              {ghosts}
              <div className="flex flex-wrap gap-1">
                {d.values.map((val) => {
                  const on = v.includes(val.id);
                  const next = on ? v.filter((x) => x !== val.id) : [...v, val.id].sort();
                  return (
                    <ChoiceButton
                      key={val.id}
                      pressed={on}
                      suggested={[ghostValue(d.id, null)].flat().includes(val.id)}
                      label={val.label}
                      hint={val.key}
                      title={val.description}
                      onClick={() => p.set(d.id, null, next.length ? next : null)}
                    />
                  );
                })}
              </div>
            </section>
          );
        }
        if (d.kind === "span") {
          const spans = (p.get(d.id, null) as StoredSpan[] | null) ?? [];
          return (
            <section key={d.id} aria-labelledby={`dim-${d.id}`} aria-describedby={describedBy}>
              {heading}
              {ghosts}
              <div className="flex flex-wrap gap-1">
                {d.values.map((val) => (
                  <ChoiceButton
                    key={val.id}
                    pressed={false}
                    label={`Mark ${val.label.toLowerCase()}`}
                    hint={val.key}
                    title={val.description}
                    onClick={() => p.onAddSpan(val.id)}
                  />
                ))}
              </div>
              <p className="muted mt-1 text-xs">
                Select words with the mouse, or →/← and &apos; to put the caret on a word and Shift+→/← to extend, then press a label&apos;s
                key.
              </p>
              {spans.length > 0 && (
                <ul className="mt-1 space-y-1 text-sm" aria-label="Marked spans">
                  {spans.map((s) => (
                    <li key={`${s.start}-${s.end}-${s.label}`} className="flex items-center gap-2">
                      <span className="rounded bg-yellow-200 px-1 text-stone-900 underline decoration-dotted">
                        &ldquo;{p.text.slice(s.start, s.end)}&rdquo;
                      </span>
                      <span className="muted text-xs">{dimensionValues(d).find((x) => x.id === s.label)?.label ?? s.label}</span>
                      <button
                        type="button"
                        className="text-xs text-red-800 underline dark:text-red-300"
                        aria-label={`Remove span "${p.text.slice(s.start, s.end)}"`}
                        onClick={() => {
                          const rest = spans.filter((x) => x !== s);
                          p.set(d.id, null, rest.length ? rest : null);
                        }}
                      >
                        Remove
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        }
        if (d.kind === "text") {
          const v = (p.get(d.id, null) as string | null) ?? "";
          const isNote = d.id === "note";
          const commit = (el: HTMLInputElement | HTMLTextAreaElement) => {
            const next = el.value.trim() ? el.value : null;
            if (next !== (v || null)) p.set(d.id, null, next);
          };
          return (
            <section key={`${d.id}-${segment.id}-${v}`}>
              <label htmlFor={`f-${d.id}`} className="text-sm font-semibold">
                {d.label}
                {isNote && <kbd className="ml-1 rounded border border-stone-300 px-1 text-xs font-normal text-stone-500">/</kbd>}
              </label>
              {ghosts}
              {isNote ? (
                <textarea
                  id={`f-${d.id}`}
                  ref={p.noteRef}
                  defaultValue={v}
                  maxLength={d.maxLength}
                  rows={2}
                  className="input mt-1"
                  aria-describedby={describedBy}
                  onBlur={(e) => commit(e.currentTarget)}
                  onKeyDown={(e) => {
                    if (e.key === "Escape" || (e.key === "Enter" && (e.ctrlKey || e.metaKey))) {
                      e.preventDefault();
                      commit(e.currentTarget);
                      e.currentTarget.blur();
                    }
                  }}
                />
              ) : (
                <>
                  {d.suggest ? (
                    <SourceNameInput
                      id={`f-${d.id}`}
                      projectSlug={p.projectSlug}
                      defaultValue={v}
                      maxLength={d.maxLength}
                      describedBy={describedBy}
                      documentNames={p.suggestions}
                      commit={commit}
                    />
                  ) : (
                    <input
                      id={`f-${d.id}`}
                      defaultValue={v}
                      maxLength={d.maxLength}
                      className="input mt-1"
                      aria-describedby={describedBy}
                      onBlur={(e) => commit(e.currentTarget)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" || e.key === "Escape") {
                          e.preventDefault();
                          commit(e.currentTarget);
                          e.currentTarget.blur();
                        }
                      }}
                    />
                  )}
                </>
              )}
            </section>
          );
        }
        // flag
        const on = p.get(d.id, null) === true;
        return (
          <section key={d.id} className="flex items-center gap-2">
            <input
              id={`f-${d.id}`}
              type="checkbox"
              checked={on}
              onChange={() => p.set(d.id, null, on ? null : true)}
              className="h-4 w-4"
              aria-describedby={describedBy}
            />
            <label htmlFor={`f-${d.id}`} className="text-sm font-semibold">
              {d.label} <kbd className="rounded border border-stone-300 px-1 text-xs font-normal text-stone-500">f</kbd>
            </label>
            {on && <span className="text-xs text-amber-800 dark:text-amber-300">⚑ flagged</span>}
            {ghosts}
          </section>
        );
      })}
      <div className="border-t border-stone-200 pt-3 dark:border-stone-700">
        {p.needsTargets.length > 0 && (
          <p className="mb-2 text-sm text-amber-900 dark:text-amber-200" data-testid="needs-targets-sentence">
            + You confirmed this sentence before {listNames(p.needsTargets)} {p.needsTargets.length === 1 ? "was" : "were"} added: give a
            stance toward {p.needsTargets.length === 1 ? "it" : "them"} (or none) and confirm again.
          </p>
        )}
        {p.missing.length > 0 && (
          <p className="mb-2 text-sm text-red-800 dark:text-red-300">
            Missing before confirming: {p.missing.map((m) => schema.dimensions.find((d) => d.id === m)?.label ?? m).join(", ")}
          </p>
        )}
        <button type="button" className="btn-primary" onClick={p.onConfirm} disabled={p.missing.length > 0}>
          {p.confirmed ? "✓ Confirmed — next" : "Confirm & next"}{" "}
          <kbd className="ml-1 rounded border border-blue-300 px-1 text-xs">Enter</kbd>
        </button>
      </div>
    </div>
  );
}
