import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { listReviewDocuments } from "@/server/review";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewIndexPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/review`);
  const { project, documents } = await orNotFound(listReviewDocuments(actor, projectId));
  return (
    <>
      <nav aria-label="Breadcrumb" className="muted mb-1 text-sm">
        <Link href={`/projects/${project.slug}`} className="hover:underline">
          {project.name}
        </Link>
        <span aria-hidden> › </span>Review
        <span aria-hidden> · </span>
        <Link href={`/projects/${project.slug}/agreement`} className="hover:underline">
          Agreement
        </Link>
      </nav>
      <h1 className="mb-4 text-2xl font-semibold">Review and adjudication</h1>
      {documents.length === 0 ? (
        <p className="card muted text-sm">No documents yet.</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-sm" data-testid="review-documents">
            <caption className="sr-only">Documents to review</caption>
            <thead className="border-b border-stone-200 text-left dark:border-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">
                  Document
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Annotators
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  Sentences compared
                </th>
                <th scope="col" className="px-4 py-2 text-right">
                  With disagreements
                </th>
                <th scope="col" className="px-4 py-2">
                  Gold progress
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200 dark:divide-stone-700">
              {documents.map((d) => (
                <tr key={d.id}>
                  <th scope="row" className="px-4 py-2 text-left font-medium">
                    <Link href={`/projects/${project.slug}/review/${d.id}`} className="hover:underline">
                      {d.title}
                    </Link>
                    {d.outlet && <span className="muted block text-xs font-normal">{d.outlet}</span>}
                  </th>
                  <td className="px-4 py-2 text-right tabular-nums">{d.annotators}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {d.compared} / {d.sentences}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.disagreements > 0 ? `≠ ${d.disagreements}` : "0"}</td>
                  <td className="px-4 py-2">
                    <div className="flex items-center gap-2">
                      <div
                        role="progressbar"
                        aria-label={`Gold progress of ${d.title}`}
                        aria-valuemin={0}
                        aria-valuemax={d.labelled}
                        aria-valuenow={d.adjudicated}
                        className="h-2 w-24 overflow-hidden rounded bg-stone-200 dark:bg-stone-700"
                      >
                        <div className="h-full bg-green-700" style={{ width: `${d.labelled ? (100 * d.adjudicated) / d.labelled : 0}%` }} />
                      </div>
                      <span className="text-xs tabular-nums">
                        {d.adjudicated}/{d.labelled} sentences
                      </span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
