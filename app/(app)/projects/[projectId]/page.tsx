import type { Metadata } from "next";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectOverview } from "@/server/projects";
import { Markdown } from "@/components/projects/Markdown";
import { listDocumentsForAnnotator } from "@/server/workspace";
import { suggestionRuns } from "@/server/suggestions/service";
import Link from "next/link";
import { NextDocumentButton } from "@/components/progress/NextDocumentButton";
import { STORY_FORM_ID, StoryForm } from "@/components/documents/StoryForm";
import { StoryProposals } from "@/components/documents/StoryProposals";
import { getStoryProposals } from "@/server/story-proposals";

export const metadata: Metadata = { title: "Project" };

const roleLabel = { MANAGER: "Manager", REVIEWER: "Reviewer", ANNOTATOR: "Annotator" } as const;

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}`);
  const { project, access } = await orNotFound(getProjectOverview(actor, projectId));
  const { documents, sentBack } = await listDocumentsForAnnotator(actor, project.id);
  const totalSentences = documents.reduce((n, d) => n + d.sentences, 0);
  const completed = documents.reduce((n, d) => n + d.completed, 0);
  const doneDocs = documents.filter((d) => d.status === "done").length;
  const isManager = access.role === "MANAGER";
  // A failing provider is said where managers look first, not only on its own page.
  const proposals = isManager ? await getStoryProposals(actor, project.id) : [];
  const failedSuggestions = isManager ? (await suggestionRuns(actor, project.id)).reduce((n, r) => n + r.counts.failed, 0) : 0;
  return (
    <>
      <div className="mb-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold">{project.name}</h1>
          {(isManager || access.role === "REVIEWER") && (
            <nav aria-label="Manage the project" className="flex flex-wrap gap-2">
              <Link href={`/projects/${project.slug}/review`} className="btn">
                Review
              </Link>
              <Link href={`/projects/${project.slug}/agreement`} className="btn">
                Agreement
              </Link>
              <Link href={`/projects/${project.slug}/quality`} className="btn">
                Annotator quality
              </Link>
              <Link href={`/projects/${project.slug}/reports`} className="btn">
                Sourcing reports
              </Link>
              <Link href={`/projects/${project.slug}/sources`} className="btn">
                Sources
              </Link>
              <Link href={`/projects/${project.slug}/progress`} className="btn">
                Progress
              </Link>
              <Link href={`/projects/${project.slug}/export`} className="btn">
                Export
              </Link>
              {isManager && (
                <>
                  <Link href={`/projects/${project.slug}/import`} className="btn">
                    Import documents
                  </Link>
                  <Link href={`/projects/${project.slug}/settings`} className="btn">
                    Settings
                  </Link>
                  <Link href={`/projects/${project.slug}/audit`} className="btn">
                    Audit log
                  </Link>
                  <Link href={`/projects/${project.slug}/suggestions`} className="btn">
                    Suggestions
                    {failedSuggestions > 0 && (
                      <span className="ml-1 font-semibold text-red-800 dark:text-red-300">· ⚠ {failedSuggestions} failed</span>
                    )}
                  </Link>
                </>
              )}
            </nav>
          )}
        </div>
        {project.description && <p className="muted mt-1 max-w-3xl">{project.description}</p>}
        <p className="muted mt-2 text-sm">
          Your role: <strong>{roleLabel[access.role]}</strong>
          {access.viaAdmin ? " (as site admin)" : ""}
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="docs-h" className="lg:col-span-2">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h2 id="docs-h" className="text-lg font-semibold">
              Documents <span className="muted text-sm font-normal">({documents.length})</span>
            </h2>
            {documents.length > 0 && <NextDocumentButton projectSlug={project.slug} />}
          </div>
          <div className="mb-3 flex items-center gap-3 text-sm">
            <div
              role="progressbar"
              aria-label="Your progress in this project"
              aria-valuemin={0}
              aria-valuemax={totalSentences}
              aria-valuenow={completed}
              className="h-2 flex-1 overflow-hidden rounded bg-stone-200 dark:bg-stone-700"
            >
              <div className="h-full bg-green-700" style={{ width: `${totalSentences ? (100 * completed) / totalSentences : 0}%` }} />
            </div>
            <span className="tabular-nums">
              {completed}/{totalSentences} sentences confirmed · {doneDocs}/{documents.length} documents done
            </span>
          </div>
          {sentBack.length > 0 && (
            <section
              aria-labelledby="sent-back-h"
              className="card mb-3 border-amber-500 bg-amber-50 text-sm text-stone-900 dark:bg-amber-950 dark:text-amber-50"
            >
              <h3 id="sent-back-h" className="font-semibold">
                ✎ Sent back to you by a reviewer: {sentBack.length} sentence{sentBack.length === 1 ? "" : "s"} to look at again
              </h3>
              <p className="mt-1">Confirm each again (Enter in the document); until then its document is not done.</p>
              <ul className="mt-2 space-y-2">
                {sentBack.map((s) => (
                  <li key={s.segmentId}>
                    <Link href={`/projects/${project.slug}/documents/${s.documentId}`} className="font-medium underline">
                      {s.documentTitle}
                    </Link>{" "}
                    — “{s.excerpt}”
                    <ul className="ml-4">
                      {s.comments.map((c) => (
                        <li key={c.id}>
                          <span className="font-medium">{c.from}:</span> {c.comment}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {proposals.length > 0 && <StoryProposals projectId={project.id} proposals={proposals} />}
          {isManager && documents.length > 0 && (
            <StoryForm projectId={project.id} stories={[...new Set(documents.flatMap((d) => (d.story ? [d.story] : [])))].sort()} />
          )}
          {documents.length === 0 ? (
            <p className="card muted text-sm">No documents yet.</p>
          ) : (
            <ul className="card divide-y divide-stone-200 p-0 dark:divide-stone-700" aria-label="Documents">
              {documents.map((d) => (
                <li key={d.id} className="flex items-center gap-4 px-4 py-3">
                  {isManager && (
                    <input
                      type="checkbox"
                      name="documentIds"
                      value={d.id}
                      form={STORY_FORM_ID}
                      aria-label={`Select ${d.title}`}
                      className="h-4 w-4 shrink-0"
                    />
                  )}
                  <div className="min-w-0 flex-1">
                    <Link href={`/projects/${project.slug}/documents/${d.id}`} className="font-medium hover:underline">
                      {d.title}
                    </Link>
                    <div className="muted text-xs">
                      {[d.outlet, d.publishedAt?.toISOString().slice(0, 10), d.story && `Story: ${d.story}`].filter(Boolean).join(" · ")}
                      {isManager && (
                        <>
                          {" · "}
                          <Link
                            href={`/projects/${project.slug}/documents/${d.id}/segments`}
                            className="underline"
                            aria-label={`Edit sentences of ${d.title}`}
                          >
                            Edit sentences
                          </Link>
                          {" · "}
                          <Link href={`/projects/${project.slug}/review/${d.id}`} className="underline" aria-label={`Review ${d.title}`}>
                            Review
                          </Link>
                        </>
                      )}
                      {(isManager || access.role === "REVIEWER") && (
                        <>
                          {" · "}
                          <Link
                            href={`/projects/${project.slug}/documents/${d.id}/report`}
                            className="underline"
                            aria-label={`Sourcing report of ${d.title}`}
                          >
                            Report
                          </Link>
                        </>
                      )}
                    </div>
                  </div>
                  <span className="text-xs tabular-nums">
                    {d.completed}/{d.sentences} sentences confirmed
                  </span>
                  <span
                    className={`rounded-full border px-2 py-0.5 text-xs ${d.status === "done" ? "border-green-700 text-green-800 dark:text-green-300" : d.status === "in_progress" || d.status === "sent_back" ? "border-amber-600 text-amber-800 dark:text-amber-300" : "border-stone-300"}`}
                  >
                    {d.status === "done"
                      ? "✓ Done"
                      : d.status === "sent_back"
                        ? `✎ ${d.sentBack} sent back`
                        : d.status === "in_progress"
                          ? "◐ In progress"
                          : "○ Not started"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside className="space-y-6">
          {project.guidelines.trim() && (
            <section aria-labelledby="guidelines-h">
              <details className="card">
                <summary className="cursor-pointer">
                  <h2 id="guidelines-h" className="inline text-lg font-semibold">
                    Guidelines
                  </h2>
                </summary>
                <div className="mt-3">
                  <Markdown>{project.guidelines}</Markdown>
                </div>
              </details>
            </section>
          )}
          <section aria-labelledby="targets-h">
            <h2 id="targets-h" className="mb-2 text-lg font-semibold">
              Targets
            </h2>
            {project.targets.length === 0 ? (
              <p className="muted text-sm">No targets.</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {project.targets.map((t) => (
                  <li key={t.id} className="rounded-full border border-stone-300 px-3 py-0.5 text-sm dark:border-stone-600">
                    {t.name}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="members-h">
            <h2 id="members-h" className="mb-2 text-lg font-semibold">
              Members
            </h2>
            <ul className="card divide-y divide-stone-200 p-0 text-sm dark:divide-stone-700">
              {project.members.map((m) => (
                <li key={m.id} className="flex items-center justify-between px-4 py-2">
                  <span>
                    {m.user.name}
                    {m.user.email && <span className="muted"> ({m.user.email})</span>}
                    {m.user.disabled && <span className="ml-1 text-xs text-red-700 dark:text-red-300">disabled</span>}
                  </span>
                  <span className="muted">{roleLabel[m.role]}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </>
  );
}
