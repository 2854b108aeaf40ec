"use client";

import type { QueueState } from "@/lib/workspace/queue";

const plural = (n: number) => `${n} change${n === 1 ? "" : "s"}`;

/** Saving / saved / offline / error / conflict, in words and a symbol (never colour alone). */
export function SaveStatus({
  state,
  onRetry,
  onResolve,
}: {
  state: QueueState;
  onRetry: () => void;
  onResolve: (c: "mine" | "theirs") => void;
}) {
  let text: string;
  let tone = "text-stone-700 dark:text-stone-300";
  switch (state.status) {
    case "saved":
      text = "✓ All changes saved";
      break;
    case "saving":
      text = `⟳ Saving ${plural(state.pending)}…`;
      break;
    case "offline":
      text = `⚠ Offline — ${plural(state.pending)} queued; they will be saved when the connection returns`;
      tone = "text-amber-800 dark:text-amber-300";
      break;
    case "error":
      text = `⚠ Server error — ${plural(state.pending)} queued, retrying (${state.message})`;
      tone = "text-red-800 dark:text-red-300";
      break;
    case "signed_out":
      text = `⚠ Signed out — ${plural(state.pending)} kept in this browser; sign in again to save them`;
      tone = "text-red-800 dark:text-red-300";
      break;
    case "conflict":
      text = `⚠ Conflict: ${state.message}`;
      tone = "text-red-800 dark:text-red-300";
      break;
  }
  return (
    <div className="flex items-center gap-2">
      <p role="status" aria-live="polite" data-testid="save-status" data-state={state.status} className={`text-sm ${tone}`}>
        {text}
      </p>
      {(state.status === "offline" || state.status === "error" || state.status === "signed_out") && (
        <button type="button" className="btn" onClick={onRetry}>
          Retry now
        </button>
      )}
      {state.status === "signed_out" && (
        <a className="btn" href="/login" target="_blank" rel="noreferrer">
          Sign in
        </a>
      )}
      {state.status === "conflict" && (
        <span className="flex items-center gap-1" role="group" aria-label="Resolve conflict">
          <span className="muted text-xs">
            theirs: <code>{JSON.stringify(state.current?.value ?? null)}</code> · yours:{" "}
            <code>{JSON.stringify(state.op.body.value ?? state.op.body.confirmed ?? null)}</code>
          </span>
          <button type="button" className="btn" onClick={() => onResolve("theirs")}>
            Use theirs
          </button>
          <button type="button" className="btn" onClick={() => onResolve("mine")}>
            Keep mine
          </button>
        </span>
      )}
    </div>
  );
}
