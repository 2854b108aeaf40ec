"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";

/** Marks the document done; with incomplete sentences it asks first ("done with incomplete"). */
export function DoneButton({ documentId, initialDone, incomplete }: { documentId: string; initialDone: boolean; incomplete: number }) {
  const [done, setDone] = useState(initialDone);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function submit(value: boolean) {
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
  }

  return (
    <div className="flex items-center gap-2">
      {done ? (
        <button type="button" className="btn" disabled={pending} onClick={() => submit(false)}>
          ✓ Done — reopen
        </button>
      ) : (
        <button type="button" className="btn-primary" disabled={pending} onClick={() => submit(true)}>
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
