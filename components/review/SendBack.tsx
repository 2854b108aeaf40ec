"use client";

import { useState } from "react";
import type { ReviewSentence } from "@/components/review/types";

export type SentBack = ReviewSentence["sentBack"][number];

/** "Send back to annotator": pick one of the sentence's annotators and say what to look at. */
export function SendBack({
  documentId,
  s,
  names,
  onSent,
}: {
  documentId: string;
  s: ReviewSentence;
  names: Record<string, string>;
  onSent: (c: SentBack) => void;
}) {
  const people = s.labels.map((l) => l.userId);
  const [to, setTo] = useState(people[0] ?? "");
  const [comment, setComment] = useState("");
  const [state, setState] = useState<{ busy: boolean; message: string; error: boolean }>({ busy: false, message: "", error: false });
  if (people.length === 0) return null;
  const target = people.includes(to) ? to : people[0]!;

  async function send() {
    setState({ busy: true, message: "Sending…", error: false });
    try {
      const res = await fetch("/api/v1/review/send-back", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ documentId, segmentId: s.id, annotatorId: target, comment }),
      });
      const body = (await res.json().catch(() => null)) as { comment?: SentBack; error?: { message?: string } } | null;
      if (!res.ok || !body?.comment) throw new Error(body?.error?.message ?? `Refused (${res.status})`);
      onSent(body.comment);
      setComment("");
      setState({ busy: false, message: `✓ Sent back to ${names[target] ?? target}`, error: false });
    } catch (e) {
      setState({ busy: false, message: `⚠ ${e instanceof Error ? e.message : "Could not send"}`, error: true });
    }
  }

  return (
    <form
      className="space-y-2 border-t border-stone-200 pt-3 dark:border-stone-700"
      aria-labelledby={`sb-h-${s.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3 id={`sb-h-${s.id}`} className="text-sm font-semibold">
        Send back to annotator
      </h3>
      <label className="block text-sm">
        <span className="label">Annotator</span>
        <select className="input" value={target} onChange={(e) => setTo(e.target.value)}>
          {people.map((id) => (
            <option key={id} value={id}>
              {names[id] ?? id}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="label">What should they look at?</span>
        <textarea className="input" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="flex items-center gap-2">
        <button type="submit" className="btn" disabled={state.busy || !comment.trim()}>
          ↩ Send back
        </button>
        <p role="status" className={`text-sm ${state.error ? "text-red-800 dark:text-red-300" : ""}`}>
          {state.message}
        </p>
      </div>
    </form>
  );
}
