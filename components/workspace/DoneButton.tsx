"use client";

import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";

/**
 * The document's "done" mark for the signed-in annotator, shared by the top bar's button, the
 * end-of-document summary and Shift+D. With incomplete sentences it asks first ("done with incomplete").
 */
export function useDocumentDone(documentId: string, initialDone: boolean) {
  const [done, setDone] = useState(initialDone);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  const submit = useCallback(
    async (value: boolean, incomplete: number) => {
      let allowIncomplete = false;
      if (value && incomplete > 0) {
        if (!window.confirm(`${incomplete} sentence${incomplete === 1 ? " is" : "s are"} not complete. Mark the document done anyway?`))
          return;
        allowIncomplete = true;
      }
      setPending(true);
      setError(null);
      try {
        const res = await fetch(`/api/v1/documents/${documentId}/done`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ done: value, allowIncomplete }),
        });
        const body = await res.json().catch(() => null);
        if (!res.ok) {
          setError(body?.error?.message ?? `Could not save (${res.status})`);
          return;
        }
        setDone(value);
        router.refresh();
      } catch {
        setError("Could not reach the server");
      } finally {
        setPending(false);
      }
    },
    [documentId, router],
  );
  return { done, error, pending, submit };
}
export type DocumentDone = ReturnType<typeof useDocumentDone>;

/** Marks the document done (or reopens it). */
export function DoneButton({ state, incomplete }: { state: DocumentDone; incomplete: number }) {
  const { done, pending, error, submit } = state;
  return (
    <div className="flex items-center gap-2">
      {done ? (
        <button type="button" className="btn" disabled={pending} onClick={() => submit(false, incomplete)}>
          ✓ Done — reopen
        </button>
      ) : (
        <button
          type="button"
          className="btn-primary"
          disabled={pending}
          onClick={() => submit(true, incomplete)}
          aria-keyshortcuts="Shift+D"
        >
          Mark document done
        </button>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
