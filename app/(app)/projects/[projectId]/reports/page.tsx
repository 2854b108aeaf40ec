import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getGroupReports } from "@/server/reports/groups";
import { withChosenAnnotator } from "@/server/reports/article";
import { GroupReports } from "@/components/reports/GroupReports";
import { Downloads, LabelPolicy, MissingRoles } from "@/components/reports/parts";

export const metadata: Metadata = { title: "Sourcing by outlet and story" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ by?: string; annotator?: string }> };

export default async function GroupReportsPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { by, annotator } = await searchParams;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/reports`);
  const { view, notice } = await orNotFound(
    withChosenAnnotator(annotator, (a) => getGroupReports(actor, projectId, { by: by === "story" ? "story" : "outlet", annotator: a })),
  );
  const base = `/projects/${view.project.slug}/reports`;
  const who = view.annotator ? `&annotator=${encodeURIComponent(view.annotator.id)}` : "";
  return (
    <>
      <nav aria-label="Breadcrumb" className="muted mb-1 text-sm">
        <Link href={`/projects/${view.project.slug}`} className="hover:underline">
          {view.project.name}
        </Link>
        <span aria-hidden> › </span>Sourcing reports
      </nav>
      <h1 className="mb-2 text-2xl font-semibold">Sourcing by {view.by}</h1>
      <nav aria-label="Group by" className="mb-6 flex gap-2 text-sm">
        {(["outlet", "story"] as const).map((b) => (
          <Link key={b} href={`${base}?by=${b}${who}`} className="btn" aria-current={view.by === b ? "page" : undefined}>
            {view.by === b ? "✓ " : ""}By {b}
          </Link>
        ))}
      </nav>
      {notice && (
        <p role="alert" className="card mb-4 text-sm">
          <span aria-hidden="true">⚠ </span>
          {notice}.
        </p>
      )}
      <div className="space-y-6">
        <LabelPolicy path={base} annotator={view.annotator} annotators={view.annotators} hidden={{ by: view.by }}>
          <Downloads api={`/api/v1/projects/${view.project.slug}/reports`} query={`by=${view.by}${who}`} csv={`one row per ${view.by}`} />
        </LabelPolicy>
        <MissingRoles dims={view.dimensions} />
        <GroupReports groups={view.groups} by={view.by} labels={view.labels} projectSlug={view.project.slug} annotatorQuery={who} />
      </div>
    </>
  );
}
