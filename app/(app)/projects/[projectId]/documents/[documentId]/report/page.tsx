import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getArticleReport, withChosenAnnotator } from "@/server/reports/article";
import { ArticleReport } from "@/components/reports/ArticleReport";

export const metadata: Metadata = { title: "Sourcing report" };

type Props = { params: Promise<{ projectId: string; documentId: string }>; searchParams: Promise<{ annotator?: string }> };

export default async function ArticleReportPage({ params, searchParams }: Props) {
  const { projectId, documentId } = await params;
  const { annotator } = await searchParams;
  const path = `/projects/${encodeURIComponent(projectId)}/documents/${encodeURIComponent(documentId)}/report`;
  const actor = await pageActor(path);
  const { view, notice } = await orNotFound(
    withChosenAnnotator(annotator, (a) => getArticleReport(actor, projectId, documentId, { annotator: a })),
  );
  const d = view.report.document;
  return (
    <>
      <nav aria-label="Breadcrumb" className="muted mb-1 text-sm">
        <Link href={`/projects/${view.project.slug}`} className="hover:underline">
          {view.project.name}
        </Link>
        <span aria-hidden> › </span>
        {d.title}
        <span aria-hidden> › </span>Sourcing report
      </nav>
      <h1 className="text-2xl font-semibold">Sourcing report: {d.title}</h1>
      <p className="muted mb-6 text-sm">
        {[d.outlet, d.publishedAt?.slice(0, 10), d.story && `Story: ${d.story}`].filter(Boolean).join(" · ") || "No outlet or story given"}
        {" · "}
        {view.report.sentences} sentences, {view.report.words} words (boilerplate left out)
      </p>
      {notice && (
        <p role="alert" className="card mb-4 text-sm">
          <span aria-hidden="true">⚠ </span>
          {notice}.
        </p>
      )}
      <ArticleReport view={view} reportPath={`/projects/${view.project.slug}/documents/${d.id}/report`} />
    </>
  );
}
