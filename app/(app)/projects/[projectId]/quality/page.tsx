import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectQuality } from "@/server/quality";
import { QualityView } from "@/components/quality/QualityView";

export const metadata: Metadata = { title: "Annotator quality" };

export default async function QualityPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/quality`);
  const data = await orNotFound(getProjectQuality(actor, projectId));
  return (
    <>
      <nav aria-label="Breadcrumb" className="muted mb-1 text-sm">
        <Link href={`/projects/${data.project.slug}`} className="hover:underline">
          {data.project.name}
        </Link>
        <span aria-hidden> › </span>Annotator quality
        <span aria-hidden> · </span>
        <Link href={`/projects/${data.project.slug}/agreement`} className="hover:underline">
          Agreement
        </Link>
      </nav>
      <h1 className="mb-6 text-2xl font-semibold">Annotator quality</h1>
      <QualityView data={data} />
    </>
  );
}
