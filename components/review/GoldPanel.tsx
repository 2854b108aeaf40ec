"use client";

import type { LabelSchema } from "@/lib/schema/schema";
import { TARGET_CHOICE_DIGITS } from "@/lib/workspace/keymap";
import type { ReviewSentence } from "@/components/review/types";
import type { GoldEntry } from "@/components/review/useGold";
import { goldKey, goldUnchosen } from "@/components/review/format";
import { GoldSpans } from "@/components/review/GoldSpans";
import { ChoiceButton } from "@/components/ui/ChoiceButton";

interface Props {
  schema: LabelSchema;
  targets: { key: string; name: string }[];
  text: string;
  s: ReviewSentence;
  gold: Record<string, GoldEntry>;
  names: Record<string, string>;
  focusedTarget: number;
  /** The `dimension:target` key of a value waiting for the confirming key (no annotator chose it). */
  pendingKey: string | null;
  /** A span label key pressed: that span dimension's "add" form takes focus. */
  spanFocus: { dimension: string; label: string; n: number } | null;
  onFocusTarget: (i: number) => void;
  onSet: (dimension: string, target: string | null, value: unknown) => void;
}

/** The gold labels of the current sentence, one control per dimension (flags are not adjudicated). */
export function GoldPanel({ schema, targets, text, s, gold, names, focusedTarget, pendingKey, spanFocus, onFocusTarget, onSet }: Props) {
  const entry = (key: string) => gold[goldKey(s.id, key)];
  /** The state of one (dimension, target): gold chosen, majority to accept, tie, or no votes. */
  const state = (key: string) => {
    const g = entry(key);
    const m = s.verdicts[key]?.majority;
    return { g, majority: !g && m && !m.tie ? { value: m.value } : null, tie: !g && !!m?.tie };
  };
  const isSame = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const note = (key: string) => {
    const st = state(key);
    if (key === pendingKey)
      return <span className="text-xs font-semibold text-amber-800 dark:text-amber-300">⚠ not chosen by any annotator: confirm</span>;
    if (st.g) {
      const [dimension, target] = key.split(":") as [string, string];
      return goldUnchosen(schema, s, key, dimension, target || null, st.g.value) ? (
        <span className="text-xs font-semibold text-amber-800 dark:text-amber-300">✓ gold · ⚠ no annotator chose this</span>
      ) : (
        <span className="text-xs text-green-800 dark:text-green-300">✓ gold</span>
      );
    }
    if (st.tie) return <span className="text-xs font-semibold text-red-800 dark:text-red-300">tie — choose</span>;
    if (st.majority) return <span className="text-xs text-blue-800 dark:text-blue-300">majority, not accepted</span>;
    return <span className="muted text-xs">no gold</span>;
  };

  return (
    <div className="space-y-4">
      {schema.dimensions.map((d) => {
        if (d.kind === "flag") return null;
        const heading = (
          <h3 id={`gold-${d.id}`} className="mb-1 text-sm font-semibold">
            {d.label}
          </h3>
        );
        if (d.kind === "per_target") {
          return (
            <section key={d.id} aria-labelledby={`gold-${d.id}`}>
              {heading}
              <div className="space-y-1">
                {targets.map((t, i) => {
                  const key = `${d.id}:${t.key}`;
                  const st = state(key);
                  const focused = i === focusedTarget;
                  return (
                    <div
                      key={t.key}
                      role="group"
                      aria-label={`Gold ${d.label} toward ${t.name}${focused ? " (focused target)" : ""}`}
                      className={`flex flex-wrap items-center gap-1 rounded-md px-1 py-0.5 ${focused ? "bg-amber-100 ring-2 ring-amber-500 dark:bg-amber-950" : ""}`}
                    >
                      <button
                        type="button"
                        onClick={() => onFocusTarget(i)}
                        className="w-24 truncate text-left text-sm"
                        aria-label={`Focus target ${t.name}`}
                      >
                        {focused && <span aria-hidden>▶ </span>}
                        {t.name}
                      </button>
                      {d.values.map((v) => (
                        <ChoiceButton
                          key={v.id}
                          pressed={!!st.g && st.g.value === v.id}
                          majority={st.majority?.value === v.id}
                          label={v.label}
                          hint={focused ? v.key : undefined}
                          title={v.description}
                          onClick={() => onSet(d.id, t.key, v.id)}
                        />
                      ))}
                      <ChoiceButton
                        pressed={!!st.g && st.g.value === null}
                        majority={!!st.majority && st.majority.value === null}
                        label="None"
                        onClick={() => onSet(d.id, t.key, null)}
                      />
                      {note(key)}
                    </div>
                  );
                })}
              </div>
            </section>
          );
        }
        const key = `${d.id}:`;
        const st = state(key);
        if (d.kind === "single" || d.kind === "target_choice" || d.kind === "multi") {
          const options =
            d.kind === "target_choice"
              ? [
                  ...targets.map((t, i) => ({
                    id: t.key,
                    label: t.name,
                    key: TARGET_CHOICE_DIGITS[i],
                    description: undefined as string | undefined,
                  })),
                  ...d.values,
                ]
              : d.values;
          const current = st.g ? st.g.value : undefined;
          const chosen = (id: string) => (d.kind === "multi" ? Array.isArray(current) && current.includes(id) : current === id);
          const inMajority = (id: string) =>
            d.kind === "multi"
              ? Array.isArray(st.majority?.value) && (st.majority.value as string[]).includes(id)
              : st.majority?.value === id;
          return (
            <section key={d.id} role="group" aria-label={`Gold ${d.label}`}>
              <div className="flex items-baseline gap-2">
                {heading}
                {note(key)}
              </div>
              <div className="flex flex-wrap gap-1">
                {options.map((v) => (
                  <ChoiceButton
                    key={v.id}
                    pressed={!!st.g && chosen(v.id)}
                    majority={inMajority(v.id)}
                    label={v.label}
                    hint={v.key}
                    title={v.description}
                    onClick={() => onSet(d.id, null, v.id)}
                  />
                ))}
                <ChoiceButton
                  pressed={!!st.g && st.g.value === null}
                  majority={!!st.majority && st.majority.value === null}
                  label="No value"
                  onClick={() => onSet(d.id, null, null)}
                />
              </div>
            </section>
          );
        }
        if (d.kind === "span") {
          return (
            <section key={d.id} aria-labelledby={`gold-${d.id}`}>
              <div className="flex items-baseline gap-2">
                {heading}
                {note(key)}
              </div>
              <GoldSpans
                key={s.id}
                dim={d}
                s={s}
                text={text}
                gold={st.g}
                verdict={s.verdicts[key]}
                names={names}
                focusRequest={spanFocus?.dimension === d.id ? spanFocus : null}
                onSet={(spans) => onSet(d.id, null, spans)}
              />
            </section>
          );
        }
        // text: the gold text, pre-filled with the majority's
        const initial = st.g ? ((st.g.value as string | null) ?? "") : typeof st.majority?.value === "string" ? st.majority.value : "";
        return (
          <section key={`${d.id}-${s.id}-${String(st.g?.version ?? "m")}`}>
            <label htmlFor={`gold-f-${d.id}`} className="text-sm font-semibold">
              {d.label} {note(key)}
            </label>
            <input
              id={`gold-f-${d.id}`}
              defaultValue={initial}
              className="input mt-1"
              onBlur={(e) => {
                const v = e.currentTarget.value.trim() || null;
                if (!isSame(v, st.g ? st.g.value : undefined) && (st.g || v !== null)) onSet(d.id, null, v);
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === "Escape") {
                  e.preventDefault();
                  e.currentTarget.blur();
                }
              }}
            />
          </section>
        );
      })}
    </div>
  );
}
