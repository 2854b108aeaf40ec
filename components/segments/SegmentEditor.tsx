"use client";

import { useEffect, useState } from "react";
import type { SegmentChangeResult, SegmentEditorData } from "@/server/segments";
import type { SegmentChangeReport } from "@/lib/segment/edit-report";
import { SplitPicker } from "@/components/segments/SplitPicker";
import { ConfirmChangeDialog } from "@/components/segments/ConfirmChangeDialog";

type Change = { kind: "split"; body: { segmentId: string; at: number } } | { kind: "merge"; body: { segmentIds: [string, string] } };

const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;

/** The document's sentences, numbered, with "Split…" and "Merge with next" for managers. */
export function SegmentEditor({ data }: { data: Omit<SegmentEditorData, "access"> }) {
  const doc = data.document;
  const [segments, setSegments] = useState(data.segments);
  const [splitting, setSplitting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ change: Change; report: SegmentChangeReport } | null>(null);
  // A new object on every request, so asking twice for the same element focuses it twice.
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);

  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  async function send(change: Change, confirm: boolean) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/documents/${encodeURIComponent(doc.id)}/segments/${change.kind}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...change.body, confirm }),
      });
      const body = await res.json().catch(() => null);
      if (res.status === 409 && body?.error?.details?.operation) {
        setConfirming({ change, report: body.error.details as SegmentChangeReport });
        return;
      }
      setConfirming(null);
      if (!res.ok) {
        setError(body?.error?.message ?? `The server refused the change (${res.status}); nothing was changed`);
        return;
      }
      const result = body as SegmentChangeResult;
      const first = result.report.after[0]!;
      setSegments(result.segments);
      setSplitting(null);
      setStatus(
        result.report.operation === "split"
          ? `Sentence ${first.index + 1} was split into sentences ${first.index + 1} and ${first.index + 2}. The document now has ${plural(result.segments.length, "sentence")}.`
          : `Sentences ${first.index + 1} and ${first.index + 2} were merged into sentence ${first.index + 1}. The document now has ${plural(result.segments.length, "sentence")}.`,
      );
      setFocusTarget({ id: `segment-${first.id}` });
    } catch {
      setConfirming(null);
      setError("Could not reach the server; nothing was changed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <p className="muted text-sm">
        {plural(segments.length, "sentence")}. Split a sentence the segmenter joined, or merge two it cut apart. Labels on a sentence are
        kept; you are asked before any change that affects them.
      </p>
      <p role="status" className="text-sm font-medium">
        {status}
      </p>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </p>
      )}
      <ol aria-label="Sentences of this document" className="space-y-2">
        {segments.map((s, i) => {
          const n = i + 1;
          const next = segments[i + 1];
          return (
            <li key={s.id} id={`segment-${s.id}`} tabIndex={-1} aria-label={`Sentence ${n}`} className="card flex flex-col gap-2 py-3">
              <div className="flex gap-3">
                <span aria-hidden className="muted w-8 shrink-0 text-right font-mono text-sm tabular-nums">
                  {n}.
                </span>
                <p className={`font-serif leading-relaxed ${s.isBoilerplate ? "muted italic" : ""}`}>{doc.text.slice(s.start, s.end)}</p>
              </div>
              <div className="flex flex-wrap items-center gap-2 pl-11 text-sm">
                {s.isBoilerplate && (
                  <span className="rounded bg-stone-200 px-1.5 py-0.5 text-xs dark:bg-stone-700">
                    Boilerplate{s.boilerplateReason ? `: ${s.boilerplateReason.replaceAll("_", " ")}` : ""}
                  </span>
                )}
                {s.annotators > 0 && (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">
                    Labelled by {plural(s.annotators, "annotator")}
                  </span>
                )}
                <span className="ml-auto flex gap-2">
                  <button
                    type="button"
                    id={`split-${s.id}`}
                    className="btn"
                    disabled={busy}
                    aria-expanded={splitting === s.id}
                    aria-label={`Split sentence ${n}…`}
                    onClick={() => setSplitting(splitting === s.id ? null : s.id)}
                  >
                    Split…
                  </button>
                  <button
                    type="button"
                    className="btn"
                    disabled={busy || !next}
                    aria-label={`Merge with next: sentences ${n} and ${n + 1}`}
                    onClick={() => next && send({ kind: "merge", body: { segmentIds: [s.id, next.id] } }, false)}
                  >
                    Merge with next
                  </button>
                </span>
              </div>
              {splitting === s.id && (
                <SplitPicker
                  text={doc.text}
                  segment={s}
                  number={n}
                  busy={busy}
                  onSplit={(at) => send({ kind: "split", body: { segmentId: s.id, at } }, false)}
                  onCancel={() => {
                    setSplitting(null);
                    setFocusTarget({ id: `split-${s.id}` });
                  }}
                />
              )}
            </li>
          );
        })}
      </ol>
      {confirming && (
        <ConfirmChangeDialog
          report={confirming.report}
          busy={busy}
          onConfirm={() => send(confirming.change, true)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </div>
  );
}
