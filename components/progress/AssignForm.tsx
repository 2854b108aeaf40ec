"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";

interface Props {
  projectSlug: string;
  documents: { id: string; title: string }[];
  annotators: { id: string; name: string; email: string | null }[];
}

/** Bulk assignment: tick documents and annotators, then assign or unassign. */
export function AssignForm({ projectSlug, documents, annotators }: Props) {
  const [docs, setDocs] = useState<Set<string>>(new Set());
  const [users, setUsers] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const toggle = (set: Set<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  async function submit(assign: boolean) {
    setPending(true);
    setStatus(null);
    try {
      const res = await fetch(`/api/v1/projects/${projectSlug}/assignments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ documentIds: [...docs], userIds: [...users], assign }),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) setStatus({ ok: false, text: body?.error?.message ?? `Failed (${res.status})` });
      else {
        setStatus({ ok: true, text: `${assign ? "Assigned" : "Unassigned"}: ${body.changed} change${body.changed === 1 ? "" : "s"}` });
        router.refresh();
      }
    } catch {
      setStatus({ ok: false, text: "Could not reach the server" });
    } finally {
      setPending(false);
    }
  }
  return (
    <section aria-labelledby="assign-h" className="card">
      <h2 id="assign-h" className="text-lg font-semibold">
        Assign documents
      </h2>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <fieldset className="max-h-64 overflow-y-auto">
          <legend className="label">Documents ({docs.size} chosen)</legend>
          <button
            type="button"
            className="btn mb-2"
            onClick={() => setDocs(docs.size === documents.length ? new Set() : new Set(documents.map((d) => d.id)))}
          >
            {docs.size === documents.length ? "Choose none" : "Choose all"}
          </button>
          {documents.map((d) => (
            <label key={d.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={docs.has(d.id)} onChange={() => setDocs(toggle(docs, d.id))} />
              {d.title}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="label">Annotators ({users.size} chosen)</legend>
          {annotators.map((u) => (
            <label key={u.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={users.has(u.id)} onChange={() => setUsers(toggle(users, u.id))} />
              {u.name}
              {u.email && <span className="muted"> ({u.email})</span>}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="mt-3 flex items-center gap-2">
        <button type="button" className="btn-primary" disabled={pending || !docs.size || !users.size} onClick={() => submit(true)}>
          Assign
        </button>
        <button type="button" className="btn" disabled={pending || !docs.size || !users.size} onClick={() => submit(false)}>
          Unassign (not started only)
        </button>
        {status && (
          <p role={status.ok ? "status" : "alert"} className="text-sm">
            {status.ok ? "✓ " : "⚠ "}
            {status.text}
          </p>
        )}
      </div>
    </section>
  );
}
