"use client";

import type { DocumentDone } from "@/components/workspace/DoneButton";

const SHOWN = 12;

/**
 * Past the last sentence: what is left to do (sentences not confirmed, each a button to go to it)
 * and the document's done mark (Shift+D).
 */
export function DocumentEnd({
  left,
  total,
  label,
  onGo,
  done,
}: {
  /** the sentences to annotate that are not confirmed (or not complete), in order */
  left: number[];
  total: number;
  label: (index: number) => string;
  onGo: (index: number) => void;
  done: DocumentDone;
}) {
  return (
    <section aria-labelledby="doc-end-h" data-testid="document-end" className="card space-y-2 border-green-700 text-sm">
      <h3 id="doc-end-h" className="font-semibold">
        End of the document
      </h3>
      {left.length === 0 ? (
        <p>All {total} sentences are confirmed.</p>
      ) : (
        <>
          <p>
            {left.length} of {total} sentences {left.length === 1 ? "is" : "are"} not confirmed yet:
          </p>
          <ul className="flex flex-wrap gap-2">
            {left.slice(0, SHOWN).map((i) => (
              <li key={i}>
                <button type="button" className="btn px-2 py-0.5 text-xs" onClick={() => onGo(i)}>
                  {label(i)}
                </button>
              </li>
            ))}
            {left.length > SHOWN && <li className="muted self-center text-xs">and {left.length - SHOWN} more</li>}
          </ul>
        </>
      )}
      {done.done ? (
        <p>This document is marked done.</p>
      ) : (
        <p>
          Press <kbd className="rounded border border-stone-400 px-1 font-mono">Shift+D</kbd> to mark the document done
          {left.length > 0 ? " anyway (you will be asked to confirm)" : ""}.
        </p>
      )}
      {!done.done && (
        <button
          type="button"
          className={left.length ? "btn" : "btn-primary"}
          disabled={done.pending}
          onClick={() => done.submit(true, left.length)}
          aria-keyshortcuts="Shift+D"
        >
          Mark document done (Shift+D)
        </button>
      )}
    </section>
  );
}
