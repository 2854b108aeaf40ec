import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getProgress } from "@/server/assignments";
import { ProgressChart } from "@/components/progress/ProgressChart";
import { AssignForm } from "@/components/progress/AssignForm";

export const metadata: Metadata = { title: "Progress" };

const SHOWN_NOTES = 50;

const statusText = { done: "✓ Done", in_progress: "◐ In progress", not_started: "○ Not started", assigned: "○ Assigned" } as Record<
  string,
  string
>;

export default async function ProgressPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/progress`);
  const { access, annotators, documents, totals, ruleNotes } = await orNotFound(getProgress(actor, projectId));
  const workers = annotators.filter((a) => a.role !== "MANAGER" || a.sentencesLabelled > 0);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${access.slug}`} className="text-sm hover:underline">
          ← Project
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Team progress</h1>
        <p className="muted mt-1 text-sm">
          {totals.done} done · {totals.inProgress} in progress · {totals.notStarted} not started, of {documents.length} documents
        </p>
      </div>
      {workers.length > 0 && (
        <ProgressChart data={workers.map((a) => ({ name: a.name, sentences: a.sentencesLabelled, documents: a.documentsDone }))} />
      )}
      <section aria-labelledby="ann-h">
        <h2 id="ann-h" className="mb-2 text-lg font-semibold">
          Annotators
        </h2>
        <table className="card w-full p-0 text-sm">
          <thead>
            <tr className="text-left">
              <th scope="col" className="px-3 py-2">
                Member
              </th>
              <th scope="col" className="px-3 py-2">
                Role
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Documents done / assigned
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Sentences confirmed
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Median s / sentence
              </th>
              <th scope="col" className="px-3 py-2">
                Last active (UTC)
              </th>
            </tr>
          </thead>
          <tbody>
            {annotators.map((a) => (
              <tr key={a.id} className="border-t border-stone-200 dark:border-stone-700">
                <td className="px-3 py-2">
                  {a.name}
                  {a.email && <span className="muted"> ({a.email})</span>}
                </td>
                <td className="px-3 py-2">{a.role.toLowerCase()}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {a.documentsDone} / {a.documentsAssigned}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{a.sentencesLabelled}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {a.medianSecondsPerSentence === null ? "—" : a.medianSecondsPerSentence.toFixed(1)}
                </td>
                <td className="px-3 py-2">{a.lastActive ? a.lastActive.slice(0, 16).replace("T", " ") : "never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {ruleNotes.length > 0 && (
        <section aria-labelledby="rules-h">
          <h2 id="rules-h" className="mb-2 text-lg font-semibold">
            Where Next document could not balance
          </h2>
          <p className="muted mb-2 text-sm">
            Next document balances outlets for each annotator and follows the project&apos;s story setting; when no document left met a
            rule, the annotator got the best one left. Newest first
            {ruleNotes.length > SHOWN_NOTES ? `, ${SHOWN_NOTES} of ${ruleNotes.length}` : ""}.
          </p>
          <ul className="card list-disc space-y-1 pl-8 text-sm">
            {ruleNotes.slice(0, SHOWN_NOTES).map((n, i) => (
              <li key={i}>
                {n.text}{" "}
                <span className="muted">
                  ({n.document}, {n.at.slice(0, 16).replace("T", " ")} UTC)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="docs-h">
        <h2 id="docs-h" className="mb-2 text-lg font-semibold">
          Documents
        </h2>
        {documents.length === 0 ? (
          <p className="card muted text-sm">No documents yet.</p>
        ) : (
          <table className="card w-full p-0 text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col" className="px-3 py-2">
                  Document
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  Annotators
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id} className="border-t border-stone-200 dark:border-stone-700">
                  <td className="px-3 py-2">{d.title}</td>
                  <td className="px-3 py-2">{statusText[d.status]}</td>
                  <td className="px-3 py-2">
                    {d.annotators.length ? d.annotators.map((a) => `${a.name} (${statusText[a.status] ?? a.status})`).join(", ") : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {access.role === "MANAGER" && documents.length > 0 && (
        <AssignForm
          projectSlug={access.slug}
          documents={documents.map((d) => ({ id: d.id, title: d.title }))}
          annotators={annotators.filter((a) => a.role === "ANNOTATOR").map((a) => ({ id: a.id, name: a.name, email: a.email }))}
        />
      )}
    </div>
  );
}
