"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";

/** Asks the server for the next document that needs this annotator and opens it. */
export function NextDocumentButton({ projectSlug, className = "btn-primary" }: { projectSlug: string; className?: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  async function next() {
    setPending(true);
    setMessage(null);
    try {
      const res = await fetch(`/api/v1/projects/${projectSlug}/next-document`, { method: "POST" });
      const body = (await res.json().catch(() => null)) as {
        documentId?: string | null;
        message?: string;
        error?: { message: string };
      } | null;
      if (!res.ok) setMessage(body?.error?.message ?? `Could not get a document (${res.status})`);
      else if (body?.documentId) router.push(`/projects/${projectSlug}/documents/${body.documentId}`);
      else setMessage(body?.message ?? "No document needs you right now.");
    } catch {
      setMessage("Could not reach the server");
    } finally {
      setPending(false);
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className={className} onClick={next} disabled={pending}>
        {pending ? "Finding…" : "Next document →"}
      </button>
      {message && (
        <span role="status" className="text-sm">
          {message}
        </span>
      )}
    </span>
  );
}
