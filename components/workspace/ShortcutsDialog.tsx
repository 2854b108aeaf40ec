"use client";

import { useEffect, useRef } from "react";
import type { Keymap } from "@/lib/workspace/keymap";

const NAV_HELP: [string, string][] = [
  ["j / ↓", "Next sentence"],
  ["k / ↑", "Previous sentence"],
  ["t / T", "Next / previous target (for stance keys)"],
  ["Enter", "Confirm the sentence and go to the next"],
  ["→ / ←", "Put the caret on the next / previous word (it selects that word)"],
  ["Shift+→ / Shift+←", "Extend the selection from the caret by a word"],
  ["' then letters", "Find the word starting with those letters (Enter keeps it, Esc goes back)"],
  ["n / N", "Next / previous word matching the last find"],
  ["y", "Accept this sentence's suggested values (empty ones only; each stays changeable)"],
  ["Esc", "Clear the selection"],
  ["/", "Write a note (Esc to finish)"],
  ["f", "Flag for review"],
  ["z or Ctrl+Z", "Undo the last change (up to 50; kept across a reload)"],
  ["Shift+D", "Mark the document done"],
  ["G", "Show or hide the guidelines"],
  ["?", "This list"],
];

/** The keyboard shortcut overlay: a modal dialog, closed with Esc, focus returned on close. */
export function ShortcutsDialog({
  keymap,
  targets,
  onClose,
}: {
  keymap: Keymap;
  targets: { key: string; name: string }[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    d?.showModal();
    return () => previous?.focus();
  }, []);
  const labels = [...keymap.actions.entries()];
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="shortcuts-h"
      className="m-auto max-h-[80vh] w-[44rem] overflow-y-auto rounded-lg bg-white p-6 text-stone-900 shadow-xl backdrop:bg-black/40 dark:bg-stone-900 dark:text-stone-100"
    >
      <h2 id="shortcuts-h" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <div className="mt-4 grid grid-cols-2 gap-6 text-sm">
        <table>
          <caption className="mb-1 text-left font-semibold">Moving and confirming</caption>
          <tbody>
            {NAV_HELP.map(([k, what]) => (
              <tr key={k}>
                <td className="py-0.5 pr-3">
                  <kbd className="rounded border border-stone-300 px-1">{k}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption className="mb-1 text-left font-semibold">Labels</caption>
          <tbody>
            {labels.map(([k, a]) => (
              <tr key={k}>
                <td className="py-0.5 pr-3">
                  <kbd className="rounded border border-stone-300 px-1">{k}</kbd>
                </td>
                <td>{a.type === "span" ? `Mark selection: ${a.name}` : `${a.label}${a.perTarget ? " (focused target)" : ""}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {targets.length > 0 && (
        <p className="muted mt-3 text-xs">
          Targets: {targets.map((t) => t.name).join(", ")}. Stance keys apply to the focused target (t to move).
        </p>
      )}
      {keymap.conflicts.length > 0 && <p className="mt-2 text-xs text-amber-800">Keys not available: {keymap.conflicts.join("; ")}</p>}
      <form method="dialog" className="mt-4 text-right">
        <button className="btn-primary">Close</button>
      </form>
    </dialog>
  );
}
