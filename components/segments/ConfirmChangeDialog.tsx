"use client";

import { useEffect, useRef } from "react";
import type { SegmentChangeReport } from "@/lib/segment/edit-report";

interface Props {
  report: SegmentChangeReport;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before a split or merge that touches labels, with the server's account of what happens to
 * them. A modal dialog: Esc or Cancel closes it and changes nothing; focus returns where it was.
 */
export function ConfirmChangeDialog({ report, busy, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.showModal();
    return () => previous?.focus();
  }, []);
  const split = report.operation === "split";
  const n = (report.before[0]?.index ?? 0) + 1;
  const title = split ? `Split sentence ${n}?` : `Merge sentences ${n} and ${n + 1}?`;
  return (
    <dialog
      ref={ref}
      onClose={onCancel}
      aria-labelledby="confirm-change-h"
      aria-describedby="confirm-change-d"
      className="m-auto w-[36rem] max-w-[95vw] rounded-lg bg-white p-6 text-stone-900 shadow-xl backdrop:bg-black/40 dark:bg-stone-900 dark:text-stone-100"
    >
      <h2 id="confirm-change-h" className="text-lg font-semibold">
        {title}
      </h2>
      <p id="confirm-change-d" className="mt-2 text-sm">
        {split ? "This sentence has" : "These sentences have"} labels, confirmations or comments. This is what will happen to them:
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
        {report.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted mt-3 text-xs">Annotators who have this document open should reload it afterwards.</p>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className="btn" onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button type="button" className="btn-primary" disabled={busy} onClick={onConfirm}>
          {split ? "Split anyway" : "Merge anyway"}
        </button>
      </div>
    </dialog>
  );
}
