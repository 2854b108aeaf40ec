"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { SaveQueue, type QueuedOp, type QueueState } from "@/lib/workspace/queue";
import { sendOp } from "@/components/workspace/transport";
import type { WorkspaceProps } from "@/components/workspace/types";
import { mapSpans, rangeToMasked, rangeToOriginal } from "@/lib/outlets/mask";
import { UndoHistory } from "@/lib/workspace/undo";

export const aKey = (segmentId: string, dimension: string, target: string | null) => `a:${segmentId}:${dimension}:${target ?? ""}`;
const sKey = (segmentId: string) => `s:${segmentId}`;

function newOpId() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/**
 * Labels and confirmations of the signed-in annotator for one document, changed optimistically
 * and saved through the persisted SaveQueue. Undo re-applies the previous value as a new change;
 * its history is kept in the tab's session storage, so it survives a reload (lib/workspace/undo.ts).
 */
export function useAnnotations(data: WorkspaceProps["data"], userId: string) {
  const storageKey = `slant:queue:${userId}:${data.document.id}`;
  const undoKey = `slant:undo:${userId}:${data.document.id}`;
  // Outlet-blind: the screen shows masked text, the server stores offsets into the original text.
  // Values are masked on screen and original on the wire (and in the persisted queue).
  const masks = data.masks;
  const toWire = useCallback((v: unknown) => (masks.length ? mapSpans(v, (r) => rangeToOriginal(masks, r)) : v), [masks]);
  const fromWire = useCallback((v: unknown) => (masks.length ? mapSpans(v, (r) => rangeToMasked(masks, r)) : v), [masks]);
  const initial = useMemo(() => {
    const values: Record<string, unknown> = {};
    const versions = new Map<string, number>();
    for (const a of data.annotations) {
      const k = aKey(a.segmentId, a.dimension, a.target);
      values[k] = a.value;
      versions.set(k, a.version);
    }
    // A sentence sent back since it was confirmed shows as not confirmed: Enter confirms it again.
    const sentBack = new Set(data.reviewComments.filter((c) => c.pending).map((c) => c.segmentId));
    const confirmed: Record<string, boolean> = {};
    for (const s of data.statuses) {
      confirmed[s.segmentId] = s.confirmed && !sentBack.has(s.segmentId);
      versions.set(sKey(s.segmentId), s.version);
    }
    return { values, confirmed, versions };
  }, [data]);

  const [values, setValues] = useState<Record<string, unknown>>(initial.values);
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>(initial.confirmed);
  const [queueState, setQueueState] = useState<QueueState>({ status: "saved" });
  const [rejection, setRejection] = useState<string | null>(null);
  const server = useRef<Record<string, unknown>>({ ...initial.values });
  const queueRef = useRef<SaveQueue | null>(null);
  const undo = useRef<UndoHistory | null>(null);
  // What is shown now, for undo to compare with: set with each local change (the next key may
  // come before React re-renders) and after each render (the server's answers).
  const shown = useRef({ values: initial.values, confirmed: initial.confirmed });
  useLayoutEffect(() => {
    shown.current = { values, confirmed };
  }, [values, confirmed]);

  const applyLocal = useCallback(
    (kind: QueuedOp["kind"], key: string, body: Record<string, unknown>) => {
      if (kind === "annotation") {
        const value = fromWire(body.value);
        shown.current = { ...shown.current, values: { ...shown.current.values, [key]: value } };
        setValues((v) => ({ ...v, [key]: value }));
      } else {
        const segmentId = String(body.segmentId);
        shown.current = { ...shown.current, confirmed: { ...shown.current.confirmed, [segmentId]: Boolean(body.confirmed) } };
        setConfirmed((c) => ({ ...c, [segmentId]: Boolean(body.confirmed) }));
      }
    },
    [fromWire],
  );

  useEffect(() => {
    undo.current = new UndoHistory(window.sessionStorage, undoKey);
  }, [undoKey]);

  useEffect(() => {
    const queue = new SaveQueue({
      storageKey,
      storage: window.localStorage,
      send: sendOp,
      versions: new Map(initial.versions),
      onState: setQueueState,
      onSaved: (key, wire) => {
        const value = fromWire(wire);
        server.current[key] = value;
        // A newer local change of the same key is still queued: keep showing it.
        if (queue.pending().some((op) => op.key === key)) return;
        if (key.startsWith("a:")) setValues((v) => ({ ...v, [key]: value }));
        else setConfirmed((c) => ({ ...c, [key.slice(2)]: Boolean(value) }));
      },
      onRejected: (op, message) => {
        setRejection(message);
        if (queue.pending().some((p) => p.key === op.key)) return;
        if (op.kind === "annotation") setValues((v) => ({ ...v, [op.key]: server.current[op.key] ?? null }));
        else setConfirmed((c) => ({ ...c, [String(op.body.segmentId)]: false }));
      },
    });
    // Changes queued before a reload are shown at once and sent again, in order.
    for (const op of queue.pending()) applyLocal(op.kind, op.key, op.body);
    queueRef.current = queue;
    void queue.flush();
    const online = () => queue.retryNow();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      queueRef.current = null;
    };
  }, [storageKey, initial, applyLocal, fromWire]);

  // Warn before leaving while changes are unsaved (they are kept in this browser either way).
  useEffect(() => {
    const pending = queueState.status !== "saved";
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (pending) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [queueState.status]);

  const enqueue = useCallback(
    (kind: QueuedOp["kind"], key: string, body: Record<string, unknown>, previous: unknown, after: unknown, recordUndo = true) => {
      applyLocal(kind, key, body);
      if (recordUndo) undo.current?.push({ kind, key, body, previous, after });
      queueRef.current?.enqueue({ id: newOpId(), kind, key, body, createdAt: Date.now() });
    },
    [applyLocal],
  );

  /** `suggestionId`: the suggestion this value is accepted from, recorded as the label's provenance. */
  const setLabel = useCallback(
    (segmentId: string, dimension: string, target: string | null, value: unknown, suggestionId: string | null = null) => {
      const key = aKey(segmentId, dimension, target);
      const previous = values[key] ?? null;
      if (JSON.stringify(previous) === JSON.stringify(value)) return;
      const body = {
        documentId: data.document.id,
        segmentId,
        dimension,
        target,
        value: toWire(value),
        ...(suggestionId ? { suggestionId } : {}),
      };
      enqueue("annotation", key, body, previous, value);
    },
    [values, enqueue, data.document.id, toWire],
  );

  const setConfirmedFor = useCallback(
    (segmentId: string, value: boolean) => {
      const previous = confirmed[segmentId] ?? false;
      if (previous === value) return;
      enqueue("status", sKey(segmentId), { documentId: data.document.id, segmentId, confirmed: value }, previous, value);
    },
    [confirmed, enqueue, data.document.id],
  );

  /**
   * Undoes the last change; returns the segment it touched (to show it), or null when there is
   * nothing to undo. `changedElsewhere`: the value is no longer the one that change set (changed
   * in another tab before a reload): it is left as it is.
   */
  const undoLast = useCallback((): { segmentId: string; changedElsewhere: boolean } | null => {
    const popped = undo.current?.pop((e) =>
      e.kind === "annotation" ? (shown.current.values[e.key] ?? null) : (shown.current.confirmed[String(e.body.segmentId)] ?? false),
    );
    if (!popped) return null;
    const { entry: last, changedElsewhere } = popped;
    const segmentId = String(last.body.segmentId);
    if (changedElsewhere) return { segmentId, changedElsewhere };
    // The value written back is the annotator's earlier one, not the suggestion's: no provenance.
    const { suggestionId: _accepted, ...base } = last.body;
    const body = last.kind === "annotation" ? { ...base, value: toWire(last.previous) } : { ...base, confirmed: last.previous };
    enqueue(last.kind, last.key, body, null, null, false);
    return { segmentId, changedElsewhere };
  }, [enqueue, toWire]);

  return {
    values,
    confirmed,
    queueState,
    rejection,
    clearRejection: () => setRejection(null),
    setLabel,
    setConfirmed: setConfirmedFor,
    undoLast,
    canUndo: () => (undo.current?.size ?? 0) > 0,
    retry: () => queueRef.current?.retryNow(),
    resolveConflict: (choice: "mine" | "theirs") => queueRef.current?.resolveConflict(choice),
  };
}
