"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { buildKeymap, lookupKey, navAction } from "@/lib/workspace/keymap";
import { getDimension } from "@/lib/schema/helpers";
import { canonical } from "@/lib/review/majority";
import type { ReviewProps } from "@/components/review/types";
import { useGold } from "@/components/review/useGold";
import { chosenByAnnotator, goldKey, rowLabel, showValue } from "@/components/review/format";
import { SentenceCard } from "@/components/review/SentenceCard";
import { GoldPanel } from "@/components/review/GoldPanel";
import { SendBack, type SentBack } from "@/components/review/SendBack";
import { GoldStatus } from "@/components/review/GoldStatus";

/** Keys typed into a text field are text; a checkbox (the filter) does not take letters. */
function isTyping(el: EventTarget | null) {
  if (!(el instanceof HTMLElement)) return false;
  if (el instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit"].includes(el.type);
  return el.isContentEditable || ["TEXTAREA", "SELECT"].includes(el.tagName);
}

/** The review screen: sentences with everyone's labels side by side; gold labels set with the keyboard. */
export function ReviewScreen({ data }: ReviewProps) {
  const { project, document: doc, keys } = data;
  const schema = project.schema;
  const targets = project.targets;
  const names = useMemo(() => Object.fromEntries(data.annotators.map((a) => [a.id, a.name])), [data.annotators]);
  const targetNames = useMemo(() => Object.fromEntries(targets.map((t) => [t.key, t.name])), [targets]);
  const keymap = useMemo(() => buildKeymap(schema, targets), [schema, targets]);
  const spanKeys = [...keymap.actions]
    .filter(([, a]) => a.type === "span")
    .map(([k]) => k)
    .join("/");
  const { gold, status, save } = useGold(data.sentences);
  const [sent, setSent] = useState<Record<string, SentBack[]>>({});
  const sentences = useMemo(
    () => data.sentences.map((s) => ({ ...s, sentBack: [...s.sentBack, ...(sent[s.id] ?? [])] })),
    [data.sentences, sent],
  );

  const [onlyDisagreements, setOnlyDisagreements] = useState(false);
  const [sort, setSort] = useState<"order" | "disagreements">("order");
  const visible = useMemo(() => {
    let list = sentences.filter((s) => !(project.skipBoilerplate && s.isBoilerplate));
    if (onlyDisagreements) list = list.filter((s) => s.disagreements > 0);
    if (sort === "disagreements") list = [...list].sort((a, b) => b.disagreements - a.disagreements || a.index - b.index);
    return list;
  }, [sentences, project.skipBoilerplate, onlyDisagreements, sort]);
  const [currentId, setCurrentId] = useState(() => (data.sentences.find((s) => s.disagreements > 0) ?? visible[0])?.id ?? null);
  const s = visible.find((x) => x.id === currentId) ?? visible[0] ?? null;
  // The focused target belongs to a sentence: every sentence starts on the first target, so a
  // stance key never sets gold toward the target focused on the sentence before.
  const [focus, setFocus] = useState<{ sentenceId: string | null; idx: number }>({ sentenceId: null, idx: 0 });
  const targetIdx = focus.sentenceId === s?.id ? focus.idx : 0;
  const setTargetIdx = useCallback(
    (next: (i: number) => number) => setFocus((f) => ({ sentenceId: s?.id ?? null, idx: next(f.sentenceId === s?.id ? f.idx : 0) })),
    [s],
  );
  /** A gold value no confirmed annotator chose, waiting for its confirming key (Enter, or the same key again). */
  const [pending, setPendingState] = useState<{
    sentenceId: string;
    dimension: string;
    target: string | null;
    pressed: unknown;
    value: unknown;
    what: string;
  } | null>(null);
  const waiting = pending && pending.sentenceId === s?.id ? pending : null;
  const [spanFocus, setSpanFocus] = useState<{ dimension: string; label: string; n: number } | null>(null);
  const [comments, setComments] = useState<Record<string, string>>(() =>
    Object.fromEntries(data.sentences.map((x) => [x.id, Object.values(x.gold).find((g) => g.comment)?.comment ?? ""])),
  );
  const [announce, setAnnounce] = useState("");
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const go = useCallback(
    (dir: 1 | -1) => {
      const i = s ? visible.findIndex((x) => x.id === s.id) : -1;
      const next = visible[Math.max(0, Math.min(visible.length - 1, i + dir))];
      if (next) setCurrentId(next.id);
    },
    [visible, s],
  );

  const put = useCallback(
    (dimension: string, target: string | null, value: unknown) => {
      if (!s) return;
      save({ documentId: doc.id, segmentId: s.id, dimension, target, value, comment: comments[s.id] ?? "" });
    },
    [s, save, doc.id, comments],
  );

  /**
   * Picking an option: the gold value already chosen is cleared by choosing it again; multi values
   * toggle. A value no confirmed annotator chose (an option nobody ticked, for a list) is not saved
   * at once: it waits for a confirming key (Enter, or the same key or button again; Esc cancels).
   */
  const choose = useCallback(
    (dimension: string, target: string | null, value: unknown) => {
      if (!s) return;
      const dim = getDimension(schema, dimension);
      const key = `${dimension}:${target ?? ""}`;
      const g = gold[goldKey(s.id, key)];
      let next = value;
      let unchosen = false;
      if (dim?.kind === "multi" && typeof value === "string") {
        const base = g ? g.value : s.verdicts[key]?.majority?.value;
        const cur = Array.isArray(base) ? (base as string[]) : [];
        const list = cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value].sort();
        next = list.length ? list : null;
        unchosen = !cur.includes(value) && !chosenByAnnotator(s, key, null, null, value);
      } else if (dim?.kind !== "span" && dim?.kind !== "text") {
        if (typeof value === "string" && g && g.value === value) next = null;
        unchosen = !chosenByAnnotator(s, key, target, next);
      }
      const confirming =
        waiting && waiting.dimension === dimension && waiting.target === target && canonical(waiting.pressed) === canonical(value);
      if (unchosen && !confirming) {
        const what = `${rowLabel(schema, dimension, target, targetNames)}: ${showValue(schema, dimension, dim?.kind === "multi" ? [value] : next, doc.text, targetNames)}`;
        setPendingState({ sentenceId: s.id, dimension, target, pressed: value, value: next, what });
        setAnnounce(`${what}: no annotator chose this. Press Enter or the same key again to set it as gold; Escape cancels.`);
        return;
      }
      setPendingState(null);
      put(dimension, target, next);
    },
    [s, schema, gold, put, waiting, targetNames, doc.text],
  );

  const confirmPending = useCallback(() => {
    if (!waiting) return;
    setPendingState(null);
    put(waiting.dimension, waiting.target, waiting.value);
    setAnnounce(`${waiting.what}: set as gold`);
  }, [waiting, put]);

  /** Enter: every majority value of the sentence without a gold label becomes gold; ties are left to the reviewer. */
  const acceptMajority = useCallback(() => {
    if (!s) return;
    let accepted = 0;
    let ties = 0;
    for (const k of keys) {
      const v = s.verdicts[k.key];
      if (!v?.majority || gold[goldKey(s.id, k.key)]) continue;
      if (v.majority.tie) ties++;
      else {
        put(k.dimension, k.target, v.majority.value);
        accepted++;
      }
    }
    setAnnounce(
      `${accepted} majority label${accepted === 1 ? "" : "s"} accepted${ties ? `; ${ties} tie${ties === 1 ? "" : "s"} left for you to choose` : ""}`,
    );
    if (!ties) go(1);
  }, [s, keys, gold, put, go]);

  const saveComment = () => {
    if (!s) return;
    const mine = keys.filter((k) => gold[goldKey(s.id, k.key)]);
    for (const k of mine) put(k.dimension, k.target, gold[goldKey(s.id, k.key)]!.value);
    setAnnounce(
      mine.length
        ? `Comment saved with ${mine.length} gold label${mine.length === 1 ? "" : "s"}`
        : "The comment will be saved with the next gold label of this sentence",
    );
  };

  useEffect(() => {
    if (s) window.document.getElementById(`rs-${s.id}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [s]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const onControl = e.target instanceof HTMLElement && ["BUTTON", "A", "SUMMARY"].includes(e.target.tagName);
      if (onControl && (e.key === "Enter" || e.key === " ")) return;
      if (waiting && e.key === "Enter") {
        e.preventDefault();
        return confirmPending();
      }
      if (waiting && e.key === "Escape") {
        e.preventDefault();
        setPendingState(null);
        return setAnnounce("Not set");
      }
      const nav = navAction(e.key);
      if (nav) {
        setPendingState(null);
        const handled: Partial<Record<typeof nav, () => void>> = {
          next: () => go(1),
          prev: () => go(-1),
          nextTarget: () => setTargetIdx((i) => (targets.length ? (i + 1) % targets.length : 0)),
          prevTarget: () => setTargetIdx((i) => (targets.length ? (i - 1 + targets.length) % targets.length : 0)),
          confirm: acceptMajority,
          note: () => commentRef.current?.focus(),
        };
        const fn = handled[nav];
        if (fn) {
          e.preventDefault();
          fn();
        }
        return;
      }
      const action = keymap.actions.get(lookupKey(e.key));
      if (!action) return;
      e.preventDefault();
      if (action.type === "span") {
        // No word caret here: the span label's key takes the reviewer to that dimension's "add span" form.
        setPendingState(null);
        return setSpanFocus((f) => ({ dimension: action.dimension, label: action.label, n: (f?.n ?? 0) + 1 }));
      }
      const target = action.perTarget ? (targets[targetIdx]?.key ?? null) : null;
      if (action.perTarget && !target) return;
      choose(action.dimension, target, action.value);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, targets, targetIdx, setTargetIdx, acceptMajority, keymap, choose, waiting, confirmPending]);

  return (
    <div>
      <h1 className="mb-2 text-xl font-semibold">Review: {doc.title}</h1>
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href={`/projects/${project.slug}`} className="hover:underline">
            {project.name}
          </Link>
          <span aria-hidden> › </span>
          <Link href={`/projects/${project.slug}/review`} className="hover:underline">
            Review
          </Link>
          <span aria-hidden> › </span>
          <span className="font-medium">{doc.title}</span>
        </nav>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={onlyDisagreements} onChange={(e) => setOnlyDisagreements(e.target.checked)} className="h-4 w-4" />
          Disagreements only
        </label>
        <label className="flex items-center gap-2 text-sm">
          Sort
          <select className="input w-auto" value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
            <option value="order">Document order</option>
            <option value="disagreements">Most disagreements first</option>
          </select>
        </label>
        <GoldStatus status={status} />
      </div>
      <p className="muted mb-3 text-xs">
        Keys: j/k sentence (each starts on the first target) · t/T target · a value&apos;s key sets it as gold (again: clears); a value no
        annotator chose waits for Enter or the same key again (Esc cancels) · Enter accepts every majority of the sentence ·{" "}
        {spanKeys && `${spanKeys} go to adding a gold span · `}/ comment. Annotators:{" "}
        {data.annotators.map((a) => a.name).join(", ") || "none yet"}.
      </p>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="space-y-3" aria-label="Sentences">
          {visible.length === 0 && (
            <p className="card muted text-sm">{onlyDisagreements ? "No disagreements in this document." : "No sentences."}</p>
          )}
          {visible.map((x) => (
            <SentenceCard
              key={x.id}
              s={x}
              text={doc.text}
              schema={schema}
              keys={keys}
              names={names}
              targetNames={targetNames}
              gold={gold}
              current={x.id === s?.id}
              onPick={() => setCurrentId(x.id)}
            />
          ))}
        </div>
        {s && (
          <aside
            aria-label="Gold labels for the current sentence"
            className="space-y-4 self-start rounded-lg border border-stone-200 bg-stone-50 p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto dark:border-stone-700 dark:bg-stone-950"
          >
            <h2 className="text-sm font-semibold uppercase tracking-wide text-stone-600 dark:text-stone-400" data-testid="gold-heading">
              Gold for sentence {s.index + 1}
            </h2>
            {waiting && (
              <div
                role="alert"
                data-testid="gold-pending"
                className="space-y-2 rounded-md border-2 border-dashed border-amber-700 bg-amber-50 p-2 text-sm dark:bg-amber-950"
              >
                <p>
                  <strong>⚠ No annotator chose this:</strong> {waiting.what}. Press <kbd>Enter</kbd> (or the same key again) to set it as
                  gold, <kbd>Esc</kbd> to cancel.
                </p>
                <div className="flex gap-2">
                  <button type="button" className="btn" onClick={confirmPending}>
                    Set as gold
                  </button>
                  <button type="button" className="btn" onClick={() => setPendingState(null)}>
                    Cancel
                  </button>
                </div>
              </div>
            )}
            <GoldPanel
              schema={schema}
              targets={targets}
              text={doc.text}
              s={s}
              gold={gold}
              names={names}
              focusedTarget={targetIdx}
              pendingKey={waiting ? `${waiting.dimension}:${waiting.target ?? ""}` : null}
              spanFocus={spanFocus}
              onFocusTarget={(i) => setTargetIdx(() => i)}
              onSet={choose}
            />
            <div className="space-y-1 border-t border-stone-200 pt-3 dark:border-stone-700">
              <label htmlFor="gold-comment" className="text-sm font-semibold">
                Reviewer comment <kbd className="rounded border border-stone-300 px-1 text-xs font-normal text-stone-500">/</kbd>
              </label>
              <textarea
                id="gold-comment"
                ref={commentRef}
                rows={2}
                maxLength={2000}
                className="input"
                value={comments[s.id] ?? ""}
                onChange={(e) => setComments((c) => ({ ...c, [s.id]: e.target.value }))}
                onKeyDown={(e) => {
                  if (e.key === "Escape") e.currentTarget.blur();
                }}
              />
              <button type="button" className="btn" onClick={saveComment}>
                Save comment with this sentence&apos;s gold labels
              </button>
            </div>
            <SendBack
              key={s.id}
              documentId={doc.id}
              s={s}
              names={names}
              onSent={(c) => setSent((m) => ({ ...m, [s.id]: [...(m[s.id] ?? []), c] }))}
            />
          </aside>
        )}
      </div>
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
    </div>
  );
}
