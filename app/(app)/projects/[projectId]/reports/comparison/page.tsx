import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getStoryComparison } from "@/server/reports/groups";
import { withChosenAnnotator } from "@/server/reports/article";
import { StoryComparison } from "@/components/reports/StoryComparison";
import { Downloads, LabelPolicy, MissingRoles } from "@/components/reports/parts";

export const metadata: Metadata = { title: "Story comparison" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ story?: string; annotator?: string }> };

export default async function StoryComparisonPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { story = "", annotator } = await searchParams;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/reports/comparison?story=${encodeURIComponent(story)}`);
  const { view, notice } = await orNotFound(
    withChosenAnnotator(annotator, (a) => getStoryComparison(actor, projectId, { story, annotator: a })),
  );
  const base = `/projects/${view.project.slug}/reports`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="muted mb-1 text-sm">
        <Link href={`/projects/${view.project.slug}`} className="hover:underline">
          {view.project.name}
        </Link>
        <span aria-hidden> › </span>
        <Link href={`${base}?by=story`} className="hover:underline">
          Sourcing by story
        </Link>
        <span aria-hidden> › </span>
        {view.comparison.story}
      </nav>
      <h1 className="mb-6 text-2xl font-semibold">How the outlets told “{view.comparison.story}”</h1>
      {notice && (
        <p role="alert" className="card mb-4 text-sm">
          <span aria-hidden="true">⚠ </span>
          {notice}.
        </p>
      )}
      <div className="space-y-6">
        <LabelPolicy
          path={`${base}/comparison`}
          annotator={view.annotator}
          annotators={view.annotators}
          hidden={{ story: view.comparison.story }}
        >
          <Downloads
            api={`/api/v1/projects/${view.project.slug}/reports/comparison`}
            query={`story=${encodeURIComponent(view.comparison.story)}${view.annotator ? `&annotator=${encodeURIComponent(view.annotator.id)}` : ""}`}
            csv="one row per outlet"
          />
        </LabelPolicy>
        <MissingRoles dims={view.dimensions} />
        <StoryComparison comparison={view.comparison} labels={view.labels} projectSlug={view.project.slug} />
      </div>
    </>
  );
}
