"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { MAX_TARGETS, targetNameSchema } from "@/lib/validation/projects";

export interface TargetItem {
  /** Stable React key (the target id, or a client id for a new one). */
  uid: string;
  /** Set for targets that exist already. */
  id?: string;
  key?: string;
  name: string;
  /** Stored labels that refer to the target. */
  labels: number;
}

export interface TargetList {
  items: TargetItem[];
  /** Existing targets taken out of the list (restorable until saved). */
  removed: TargetItem[];
}

export const targetList = (targets: { id?: string; key?: string; name: string; labels?: number }[]): TargetList => ({
  items: targets.map((t, i) => ({ uid: t.id ?? `t${i}`, id: t.id, key: t.key, name: t.name, labels: t.labels ?? 0 })),
  removed: [],
});

const norm = (s: string) => s.trim().toLowerCase();
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/** Problems with the list as it stands, per item uid (empty and duplicate names). */
export function targetProblems(items: TargetItem[]): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const t of items) seen.set(norm(t.name), (seen.get(norm(t.name)) ?? 0) + 1);
  for (const t of items) {
    const r = targetNameSchema.safeParse(t.name);
    if (!r.success) out.set(t.uid, r.error.issues[0]?.message ?? "Invalid name");
    else if ((seen.get(norm(t.name)) ?? 0) > 1) out.set(t.uid, "Another target has this name");
  }
  return out;
}

/**
 * Add, rename, reorder and remove targets; every control works from the keyboard. `existing`: the
 * project exists (settings), so the editor says what adding a target does to what was annotated.
 */
export function TargetsEditor({
  value,
  onChange,
  existing = false,
}: {
  value: TargetList;
  onChange: (v: TargetList) => void;
  existing?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const { items, removed } = value;
  const problems = targetProblems(items);

  const set = (next: Partial<TargetList>, message?: string) => {
    onChange({ ...value, ...next });
    if (message) setAnnounce(message);
  };
  const add = () => {
    const r = targetNameSchema.safeParse(draft);
    if (!r.success) return setError(r.error.issues[0]?.message ?? "Invalid name");
    if (items.some((t) => norm(t.name) === norm(r.data))) return setError(`There is a target named "${r.data}" already`);
    if (items.length >= MAX_TARGETS) return setError(`A project has at most ${MAX_TARGETS} targets`);
    const back = removed.find((t) => norm(t.name) === norm(r.data));
    setError(null);
    setDraft("");
    if (back) return set({ items: [...items, back], removed: removed.filter((t) => t !== back) }, `Restored ${back.name}`);
    set({ items: [...items, { uid: `new-${crypto.randomUUID()}`, name: r.data, labels: 0 }] }, `Added ${r.data}`);
  };
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= items.length) return;
    const next = [...items];
    [next[i], next[j]] = [next[j]!, next[i]!];
    set({ items: next }, `${items[i]!.name} moved to position ${j + 1} of ${items.length}`);
  };
  const remove = (t: TargetItem) =>
    set(
      { items: items.filter((x) => x !== t), removed: t.id ? [...removed, t] : removed },
      `Removed ${t.name || "the target"}${t.labels ? `; saving deletes its ${plural(t.labels, "label")}` : ""}`,
    );
  const restore = (t: TargetItem) => set({ items: [...items, t], removed: removed.filter((x) => x !== t) }, `Restored ${t.name}`);
  const onDraftKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  };

  return (
    <div>
      {items.length === 0 ? (
        <p className="muted text-sm">No targets yet. Targets are who or what stance is judged toward: countries, parties, people.</p>
      ) : (
        <ol className="space-y-2" aria-label="Targets, in order">
          {items.map((t, i) => {
            const problem = problems.get(t.uid);
            const first = i === 0;
            const last = i === items.length - 1;
            return (
              <li key={t.uid} className="flex flex-wrap items-center gap-2">
                <span className="muted w-6 text-right text-sm tabular-nums" aria-hidden="true">
                  {i + 1}.
                </span>
                <label className="sr-only" htmlFor={`${id}-${t.uid}`}>
                  Name of target {i + 1}
                </label>
                <input
                  id={`${id}-${t.uid}`}
                  value={t.name}
                  onChange={(e) => set({ items: items.map((x) => (x === t ? { ...x, name: e.target.value } : x)) })}
                  onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-${t.uid}-err` : t.key ? `${id}-${t.uid}-info` : undefined}
                  maxLength={80}
                  className="input max-w-xs flex-1"
                />
                {t.key && (
                  <span id={`${id}-${t.uid}-info`} className="muted text-xs">
                    key <code>{t.key}</code>
                    {t.labels > 0 ? ` · ${plural(t.labels, "label")}` : ""}
                  </span>
                )}
                <button
                  type="button"
                  className="btn"
                  aria-label={`Move ${t.name || `target ${i + 1}`} up`}
                  aria-disabled={first}
                  onClick={() => move(i, -1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={`Move ${t.name || `target ${i + 1}`} down`}
                  aria-disabled={last}
                  onClick={() => move(i, 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button type="button" className="btn-danger" aria-label={`Remove ${t.name || `target ${i + 1}`}`} onClick={() => remove(t)}>
                  Remove
                </button>
                {problem && (
                  <p id={`${id}-${t.uid}-err`} className="w-full pl-8 text-xs text-red-800 dark:text-red-300">
                    ⚠ {problem}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="mt-3 flex items-end gap-2">
        <div className="max-w-xs flex-1">
          <label className="label" htmlFor={`${id}-new`}>
            New target
          </label>
          <input
            id={`${id}-new`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onDraftKey}
            maxLength={80}
            placeholder="e.g. Armenia"
            aria-invalid={error ? true : undefined}
            aria-describedby={[error ? `${id}-new-err` : "", existing ? `${id}-new-help` : ""].filter(Boolean).join(" ") || undefined}
            className="input"
          />
        </div>
        <button type="button" className="btn" onClick={add}>
          Add target
        </button>
      </div>
      {existing && (
        <p id={`${id}-new-help`} className="muted mt-2 max-w-prose text-xs" data-testid="new-target-help">
          Adding a target changes nothing annotators already said. A sentence confirmed before the target existed was not judged toward it:
          its stance toward the new target stays <em>not annotated</em> (never &ldquo;none&rdquo;) in exports, agreement and review, and the
          sentence goes back to its annotators, marked with a + in their workspace, until they judge the new target and confirm it again.
        </p>
      )}
      {error && (
        <p id={`${id}-new-err`} role="alert" className="mt-1 text-xs text-red-800 dark:text-red-300">
          ⚠ {error}
        </p>
      )}
      {removed.length > 0 && (
        <div className="mt-3 text-sm">
          <p className="font-medium">Removed when you save:</p>
          <ul className="mt-1 space-y-1">
            {removed.map((t) => (
              <li key={t.uid} className="flex items-center gap-2">
                <span>
                  <s>{t.name}</s>
                  {t.labels > 0 ? <strong> — deletes {plural(t.labels, "label")}</strong> : " — no labels"}
                </span>
                <button type="button" className="btn" onClick={() => restore(t)} aria-label={`Restore ${t.name}`}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}
