"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isSentenceComplete } from "@/lib/schema/complete";
import { buildKeymap, navAction } from "@/lib/workspace/keymap";
import { addSpan, caretFromSelection, caretSelection, findWord, moveCaret, wordRanges, type Caret } from "@/lib/workspace/words";
import { snapSpanToWords } from "@/lib/schema/values";
import type { StoredSpan } from "@/lib/schema/types";
import { aKey, useAnnotations } from "@/components/workspace/useAnnotations";
import { LabelPanel, listNames } from "@/components/workspace/LabelPanel";
import { SentenceHeader } from "@/components/workspace/SentenceHeader";
import { ArticleView } from "@/components/workspace/ArticleView";
import { SaveStatus } from "@/components/workspace/SaveStatus";
import { ShortcutsDialog } from "@/components/workspace/ShortcutsDialog";
import { DoneButton, useDocumentDone } from "@/components/workspace/DoneButton";
import { DocumentEnd } from "@/components/workspace/DocumentEnd";
import { SentBackList } from "@/components/workspace/SentBackList";
import { NextDocumentButton } from "@/components/progress/NextDocumentButton";
import { OthersLabels } from "@/components/workspace/OthersLabels";
import { ReviewComments } from "@/components/workspace/ReviewComments";
import { Guidelines } from "@/components/workspace/Guidelines";
import { useSentenceTimer } from "@/components/workspace/useSentenceTimer";
import type { WorkspaceProps } from "@/components/workspace/types";
import { acceptableGhosts, ghostsBySentence, provenance, sentenceEvidence, type SentenceGhosts } from "@/lib/workspace/ghosts";

const NO_GHOSTS: SentenceGhosts = new Map();

function isTyping(el: EventTarget | null) {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

export function Workspace({ data, userId }: WorkspaceProps) {
  const { project, document: doc, segments } = data;
  const targets = project.targets;
  const targetKeys = useMemo(() => targets.map((t) => t.key), [targets]);
  const keymap = useMemo(() => buildKeymap(project.schema, targets), [project.schema, targets]);
  const ann = useAnnotations(data, userId);
  const navigable = useMemo(
    () =>
      segments
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => !(project.skipBoilerplate && s.isBoilerplate))
        .map(({ i }) => i),
    [segments, project.skipBoilerplate],
  );

  const valuesFor = useCallback(
    (segmentId: string) => {
      const m = new Map<string, unknown>();
      const prefix = `a:${segmentId}:`;
      for (const [k, v] of Object.entries(ann.values))
        if (k.startsWith(prefix) && v !== null && v !== undefined) m.set(k.slice(prefix.length), v);
      return m;
    },
    [ann.values],
  );
  const completeness = useMemo(() => {
    const out: Record<string, { complete: boolean; missing: string[] }> = {};
    for (const s of segments) out[s.id] = isSentenceComplete(project.schema, valuesFor(s.id), targetKeys);
    return out;
  }, [segments, project.schema, valuesFor, targetKeys]);
  const isDone = useCallback((id: string) => !!ann.confirmed[id] && !!completeness[id]?.complete, [ann.confirmed, completeness]);
  // The sentences to annotate (boilerplate left out, even where it is not skipped): what the
  // header's "Sentence N of M", the progress, the project page and the server's done check count.
  const counted = useMemo(() => navigable.filter((i) => !segments[i]!.isBoilerplate), [navigable, segments]);
  const left = counted.filter((i) => !isDone(segments[i]!.id));
  const leftCount = left.length;
  const doneCount = counted.length - leftCount;
  const sentenceLabel = useCallback(
    (i: number) => (counted.includes(i) ? `Sentence ${counted.indexOf(i) + 1}` : "Sentence not to annotate (boilerplate)"),
    [counted],
  );
  // Sent back by a reviewer and not confirmed again (in this tab either).
  const sentBack = useMemo(() => {
    const bySegment = new Map<string, WorkspaceProps["data"]["reviewComments"]>();
    for (const c of data.reviewComments) if (c.pending) bySegment.set(c.segmentId, [...(bySegment.get(c.segmentId) ?? []), c]);
    return segments.flatMap((s, index) => (bySegment.has(s.id) ? [{ index, comments: bySegment.get(s.id)! }] : []));
  }, [data.reviewComments, segments]);
  const sentBackOpen = sentBack.filter(({ index }) => !ann.confirmed[segments[index]!.id]);
  const documentDone = useDocumentDone(doc.id, data.done);

  const firstOpen = sentBack[0]?.index ?? navigable.find((i) => !isDone(segments[i]!.id)) ?? navigable[0] ?? 0;
  const [cur, setCur] = useState(firstOpen);
  // Past the last sentence: the panel says what is left and offers the done mark.
  const [atEnd, setAtEnd] = useState(false);
  const [targetIdx, setTargetIdx] = useState(0);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  // The caret and the search are read by the key handler through refs: keys pressed in quick
  // succession must see the previous key's caret before React has re-rendered.
  const caretRef = useRef<Caret | null>(null);
  // type-to-find: what was typed after ', and where the caret was when it started (Esc goes back)
  const [find, setFindState] = useState<{ query: string; origin: Caret | null } | null>(null);
  const findRef = useRef(find);
  const setFind = useCallback((f: { query: string; origin: Caret | null } | null) => {
    findRef.current = f;
    setFindState(f);
  }, []);
  const lastQuery = useRef("");
  const [help, setHelp] = useState(false);
  const [guidelines, setGuidelines] = useState(false);
  const [announce, setAnnounce] = useState("");
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const spanDimension = project.schema.dimensions.find((d) => d.kind === "span");
  /** Scrolls a dimension's controls into the panel's view: a value set by a key is seen set. */
  const showDimension = useCallback((id: string) => {
    const heading = window.document.getElementById(`dim-${id}`);
    (heading?.closest("section, fieldset") ?? heading)?.scrollIntoView({ block: "nearest" });
  }, []);
  const seg = segments[cur]!;
  // Time per sentence: the current sentence until it is confirmed (lib/workspace/timing.ts).
  useSentenceTimer(doc.id, ann.confirmed[seg.id] ? null : seg.id);
  const ghostsBySeg = useMemo(() => ghostsBySentence(data.suggestions), [data.suggestions]);
  const ghosts = ghostsBySeg.get(seg.id) ?? NO_GHOSTS;
  const words = useMemo(() => wordRanges(doc.text, seg.start, seg.end), [doc.text, seg.start, seg.end]);
  /** The keyboard caret and the selection it implies move together. */
  const setCaret = useCallback(
    (c: Caret | null) => {
      caretRef.current = c;
      setSelection(caretSelection(words, c));
    },
    [words],
  );
  const selectWith = useCallback(
    (sel: { start: number; end: number } | null) => {
      setSelection(sel);
      caretRef.current = caretFromSelection(words, sel);
    },
    [words],
  );
  const resetCaret = useCallback(() => {
    setSelection(null);
    caretRef.current = null;
    setFind(null);
  }, [setFind]);
  // Sentences confirmed before a target was added: not done until confirmed again (for it).
  const needsTargets = useMemo(() => {
    const names = new Map(targets.map((t) => [t.key, t.name]));
    return new Map(
      data.statuses.filter((s) => s.needsTargets.length).map((s) => [s.segmentId, s.needsTargets.map((k) => names.get(k) ?? k)]),
    );
  }, [data.statuses, targets]);
  const needsFor = (id: string) => (ann.confirmed[id] ? [] : (needsTargets.get(id) ?? []));
  const needing = navigable.filter((i) => needsFor(segments[i]!.id).length > 0);
  const addedNames = [...new Set(needing.flatMap((i) => needsFor(segments[i]!.id)))];

  const endMessage = useCallback(
    (n: number) =>
      `End of the document: ${n ? `${n} of ${counted.length} sentences not confirmed` : `all ${counted.length} sentences confirmed`}. Shift+D marks it done.`,
    [counted.length],
  );
  const go = useCallback(
    (dir: 1 | -1) => {
      const pos = navigable.indexOf(cur);
      const next = pos === -1 ? navigable.find((i) => (dir === 1 ? i > cur : i < cur)) : navigable[pos + dir];
      if (next !== undefined) {
        setCur(next);
        setAtEnd(false);
        resetCaret();
      } else if (dir === 1) {
        setAtEnd(true);
        if (panelRef.current) panelRef.current.scrollTop = 0;
        setAnnounce(endMessage(leftCount));
      }
    },
    [navigable, cur, resetCaret, leftCount, endMessage],
  );

  const get = useCallback(
    (dimension: string, target: string | null) => ann.values[aKey(seg.id, dimension, target)] ?? null,
    [ann.values, seg.id],
  );
  // A value equal to the suggestion shown for it records that suggestion as its provenance.
  const set = useCallback(
    (dimension: string, target: string | null, value: unknown) =>
      ann.setLabel(seg.id, dimension, target, value, provenance(ghosts, dimension, target, value)),
    [ann, seg.id, ghosts],
  );
  const acceptable = useMemo(() => acceptableGhosts(ghosts, get), [ghosts, get]);
  /** `y`: every suggested value whose dimension is still empty becomes the annotator's label. */
  const acceptSuggestions = useCallback(() => {
    if (!acceptable.length) {
      setAnnounce(ghosts.size ? "The suggested dimensions already have your values" : "No suggestions for this sentence");
      return;
    }
    for (const g of acceptable) ann.setLabel(seg.id, g.dimension, g.target, g.value, g.id);
    setAnnounce(`Accepted ${acceptable.length} suggested value${acceptable.length === 1 ? "" : "s"}`);
  }, [acceptable, ghosts, ann, seg.id]);

  const addSpanLabel = useCallback(
    (dimension: string, label: string) => {
      if (!selection) {
        setAnnounce(
          "Select words first: → or ' and the word's first letters put the caret on a word, Shift+→ extends, or drag with the mouse.",
        );
        return;
      }
      const snapped = snapSpanToWords(doc.text, selection.start, selection.end, { start: seg.start, end: seg.end });
      if (!snapped) return;
      const spans = (get(dimension, null) as StoredSpan[] | null) ?? [];
      set(dimension, null, addSpan(spans, { ...snapped, label }));
      resetCaret();
      setAnnounce(`Marked "${doc.text.slice(snapped.start, snapped.end)}" as ${label.replace(/_/g, " ")}`);
    },
    [selection, doc.text, seg, get, set, resetCaret],
  );

  /** Puts the caret on the word matching `query` (see findWord); says so when none does. */
  const jumpTo = useCallback(
    (query: string, from: number, dir: 1 | -1, inclusive: boolean) => {
      const i = findWord(doc.text, words, query, from, dir, inclusive);
      if (i === -1) {
        setAnnounce(`No word starts with "${query}"`);
        return false;
      }
      setCaret({ anchor: i, focus: i });
      setAnnounce(doc.text.slice(words[i]!.start, words[i]!.end));
      return true;
    },
    [doc.text, words, setCaret],
  );

  const confirm = useCallback(() => {
    const c = completeness[seg.id];
    if (c && !c.complete) {
      setAnnounce(`Cannot confirm: missing ${c.missing.join(", ")}`);
      return;
    }
    ann.setConfirmed(seg.id, true);
    setAnnounce(`${sentenceLabel(cur)} confirmed`);
    go(1);
    // the last sentence: what is left no longer counts it (the state has not caught up yet)
    if (navigable.indexOf(cur) === navigable.length - 1)
      setAnnounce(endMessage(leftCount - (counted.includes(cur) && !isDone(seg.id) ? 1 : 0)));
  }, [completeness, seg.id, ann, cur, go, sentenceLabel, navigable, endMessage, leftCount, counted, isDone]);

  const undo = useCallback(() => {
    const r = ann.undoLast();
    if (!r) return setAnnounce("Nothing to undo");
    const i = segments.findIndex((s) => s.id === r.segmentId);
    // Undo shows the sentence it changed.
    if (i !== -1 && i !== cur) {
      setCur(i);
      setAtEnd(false);
      resetCaret();
    }
    setAnnounce(r.changedElsewhere ? "Not undone: that label was changed elsewhere since (another tab)" : "Undone");
  }, [ann, segments, cur, resetCaret]);

  /** Goes to a sentence picked from a list (the article, sent back, what is left). */
  const goTo = useCallback(
    (i: number) => {
      setCur(i);
      setAtEnd(false);
      resetCaret();
    },
    [resetCaret],
  );
  const incomplete = left.length;
  const markDone = useCallback(() => {
    if (documentDone.done) return setAnnounce("This document is already marked done");
    void documentDone.submit(true, incomplete);
  }, [documentDone, incomplete]);

  useEffect(() => {
    window.document.getElementById(`seg-${seg.id}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    // each sentence's labels start from the top of the panel
    if (panelRef.current) panelRef.current.scrollTop = 0;
  }, [seg.id]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || isTyping(e.target) || help) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") {
        e.preventDefault();
        return undo();
      }
      const find = findRef.current;
      const caret = caretRef.current;
      if (find && !e.ctrlKey && !e.metaKey && !e.altKey) {
        // Type-to-find: letters go to the query; Enter keeps the word, Esc goes back, arrows go on.
        if (e.key === "Enter" || e.key === "Escape") {
          e.preventDefault();
          if (e.key === "Escape") setCaret(find.origin);
          setFind(null);
          return;
        }
        if (e.key === "Backspace") {
          e.preventDefault();
          const query = find.query.slice(0, -1);
          setFind({ ...find, query });
          if (query) jumpTo(query, find.origin?.focus ?? 0, 1, true);
          else setCaret(find.origin);
          return;
        }
        if (e.key.length === 1 && e.key !== " ") {
          e.preventDefault();
          const query = find.query + e.key;
          if (jumpTo(query, find.origin?.focus ?? 0, 1, true)) {
            setFind({ ...find, query });
            lastQuery.current = query;
          }
          return;
        }
        setFind(null); // any other key ends the search and does what it does
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.shiftKey && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
        e.preventDefault();
        setCaret(moveCaret(words, caret, e.key === "ArrowRight" ? "extendRight" : "extendLeft"));
        return;
      }
      const onControl = e.target instanceof HTMLElement && ["BUTTON", "A", "SUMMARY"].includes(e.target.tagName);
      if (onControl && (e.key === "Enter" || e.key === " ")) return; // the focused control's own action
      const nav = navAction(e.key);
      if (nav) {
        e.preventDefault();
        switch (nav) {
          case "next":
            return go(1);
          case "prev":
            return go(-1);
          case "nextTarget":
            return setTargetIdx((i) => (targets.length ? (i + 1) % targets.length : 0));
          case "prevTarget":
            return setTargetIdx((i) => (targets.length ? (i - 1 + targets.length) % targets.length : 0));
          case "confirm":
            return confirm();
          case "note":
            return noteRef.current?.focus();
          case "flag": {
            const flagDim = project.schema.dimensions.find((d) => d.kind === "flag");
            if (flagDim) set(flagDim.id, null, get(flagDim.id, null) === true ? null : true);
            return;
          }
          case "undo":
            return undo();
          case "markDone":
            return markDone();
          case "acceptSuggestions":
            return acceptSuggestions();
          case "help":
            return setHelp(true);
          case "guidelines":
            return setGuidelines((g) => !g);
          case "clearSelection":
            return resetCaret();
          case "caretLeft":
            return setCaret(moveCaret(words, caret, "left"));
          case "caretRight":
            return setCaret(moveCaret(words, caret, "right"));
          case "find":
            setFind({ query: "", origin: caret });
            setAnnounce("Find a word: type its first letters, Enter to keep it, Esc to go back");
            return;
          case "nextMatch":
          case "prevMatch":
            if (!lastQuery.current) return setAnnounce("Nothing to find yet: press ' and type a word's first letters");
            jumpTo(lastQuery.current, caret?.focus ?? 0, nav === "nextMatch" ? 1 : -1, !caret);
            return;
        }
      }
      const action = keymap.actions.get(e.key.toLowerCase());
      if (!action) return;
      e.preventDefault();
      if (action.type === "span") return addSpanLabel(action.dimension, action.label);
      const target = action.perTarget ? (targets[targetIdx]?.key ?? null) : null;
      if (action.perTarget && !target) return;
      const dim = project.schema.dimensions.find((d) => d.id === action.dimension);
      if (dim?.kind === "multi") {
        const v = (get(action.dimension, null) as string[] | null) ?? [];
        const next = v.includes(action.value) ? v.filter((x) => x !== action.value) : [...v, action.value].sort();
        set(action.dimension, null, next.length ? next : null);
        return showDimension(action.dimension);
      }
      // Pressing the key of the value already chosen clears it.
      set(action.dimension, target, get(action.dimension, target) === action.value ? null : action.value);
      showDimension(action.dimension);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [
    help,
    ann,
    go,
    targets,
    confirm,
    project.schema,
    set,
    get,
    keymap,
    addSpanLabel,
    targetIdx,
    showDimension,
    words,
    setCaret,
    setFind,
    jumpTo,
    resetCaret,
    acceptSuggestions,
    undo,
    markDone,
  ]);

  const suggestions = useMemo(() => {
    const names = new Set<string>();
    for (const [k, v] of Object.entries(ann.values))
      if (k.endsWith(":source_name:") && typeof v === "string" && v.trim()) names.add(v.trim());
    return [...names].sort();
  }, [ann.values]);

  return (
    <div className="flex h-[calc(100vh-3rem)] flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-stone-200 px-4 py-2 dark:border-stone-800">
        <nav aria-label="Breadcrumb" className="min-w-0 flex-1 truncate text-sm">
          <Link href={`/projects/${project.slug}`} className="hover:underline">
            {project.name}
          </Link>
          <span aria-hidden> › </span>
          <span className="font-medium">{doc.title}</span>
          <span className="muted ml-2 text-xs">
            Document {data.position.index + 1} of {data.position.total}
          </span>
        </nav>
        <div className="flex w-52 shrink-0 items-center gap-2">
          <div
            role="progressbar"
            aria-label="Sentences complete in this document"
            aria-valuemin={0}
            aria-valuemax={counted.length}
            aria-valuenow={doneCount}
            className="h-2 flex-1 overflow-hidden rounded bg-stone-200 dark:bg-stone-700"
          >
            <div className="h-full bg-green-700" style={{ width: `${counted.length ? (100 * doneCount) / counted.length : 0}%` }} />
          </div>
          <span className="text-xs tabular-nums">
            {doneCount}/{counted.length} sentences confirmed
          </span>
        </div>
        <SaveStatus state={ann.queueState} onRetry={ann.retry} onResolve={ann.resolveConflict} />
        <button type="button" className="btn" aria-expanded={guidelines} onClick={() => setGuidelines((g) => !g)}>
          Guidelines
        </button>
        <button type="button" className="btn" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts (?)">
          ? Shortcuts
        </button>
        <DoneButton state={documentDone} incomplete={incomplete} />
        <NextDocumentButton projectSlug={project.slug} className="btn" />
      </div>
      <SentBackList sentences={sentBackOpen} label={sentenceLabel} onGo={goTo} />
      {needing.length > 0 && (
        <p
          className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
          data-testid="needs-targets"
        >
          + {needing.length} sentence{needing.length === 1 ? " was" : "s were"} confirmed before {listNames(addedNames)}{" "}
          {addedNames.length === 1 ? "was" : "were"} added to the project&apos;s targets. They are marked with a + and count as not done:
          give a stance toward {listNames(addedNames)} (or none) and press Enter on each to confirm it again.
        </p>
      )}
      {ann.rejection && (
        <div
          role="alert"
          className="flex items-center gap-3 border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          ⚠ A change was refused by the server and undone: {ann.rejection}
          <button type="button" className="btn ml-auto" onClick={ann.clearRejection}>
            Dismiss
          </button>
        </div>
      )}
      <div className="flex min-h-0 flex-1">
        <ArticleView
          doc={doc}
          outletBlind={data.outletBlind}
          segments={segments}
          current={cur}
          skipBoilerplate={project.skipBoilerplate}
          isDone={isDone}
          needsTargets={needsFor}
          isFlagged={(id) => ann.values[aKey(id, "flag", null)] === true}
          hasComment={(id) => data.reviewComments.some((c) => c.segmentId === id)}
          onPick={goTo}
          label={sentenceLabel}
        />
        <aside
          aria-label="Labels for the current sentence"
          className="flex w-[28rem] shrink-0 flex-col border-l border-stone-200 dark:border-stone-800"
        >
          <SentenceHeader
            text={doc.text}
            segment={seg}
            position={counted.includes(cur) ? { index: counted.indexOf(cur), total: counted.length } : null}
            spans={spanDimension ? ((get(spanDimension.id, null) as StoredSpan[] | null) ?? []) : []}
            evidence={sentenceEvidence(ghosts, seg.start)}
            selection={selection}
            onSelect={selectWith}
            find={find?.query ?? null}
          />
          <div ref={panelRef} className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4">
            {guidelines && <Guidelines markdown={project.guidelines} onClose={() => setGuidelines(false)} />}
            {atEnd && <DocumentEnd left={left} total={counted.length} label={sentenceLabel} onGo={goTo} done={documentDone} />}
            <ReviewComments comments={data.reviewComments} segmentId={seg.id} />
            <LabelPanel
              schema={project.schema}
              targets={targets}
              text={doc.text}
              segment={seg}
              get={get}
              set={set}
              focusedTarget={targetIdx}
              onFocusTarget={setTargetIdx}
              onAddSpan={(label) => {
                if (spanDimension) addSpanLabel(spanDimension.id, label);
              }}
              confirmed={!!ann.confirmed[seg.id]}
              needsTargets={needsFor(seg.id)}
              missing={completeness[seg.id]?.missing ?? []}
              onConfirm={confirm}
              suggestions={suggestions}
              projectSlug={project.slug}
              ghosts={ghosts}
              acceptable={acceptable.length}
              onAcceptSuggestions={acceptSuggestions}
              noteRef={noteRef}
            />
            {!project.blind && <OthersLabels others={data.others} segmentId={seg.id} schema={project.schema} targets={targets} />}
          </div>
        </aside>
      </div>
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
      {help && <ShortcutsDialog keymap={keymap} targets={targets} onClose={() => setHelp(false)} />}
    </div>
  );
}
