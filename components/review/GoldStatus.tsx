"use client";

import type { GoldState } from "@/components/review/useGold";

/** Saving / saved / conflict / error for gold labels, in words and a symbol (never colour alone). */
export function GoldStatus({ status }: { status: GoldState }) {
  const text =
    status.state === "saving"
      ? `⟳ Saving ${status.pending} gold label${status.pending === 1 ? "" : "s"}…`
      : status.state === "saved"
        ? "✓ Gold saved"
        : status.state === "conflict"
          ? `⚠ Conflict: ${status.message}`
          : status.state === "error"
            ? `⚠ Not saved: ${status.message}`
            : "No changes yet";
  const tone =
    status.state === "conflict" || status.state === "error" ? "text-red-800 dark:text-red-300" : "text-stone-700 dark:text-stone-300";
  return (
    <p role="status" aria-live="polite" data-testid="gold-status" data-state={status.state} className={`ml-auto text-sm ${tone}`}>
      {text}
    </p>
  );
}
