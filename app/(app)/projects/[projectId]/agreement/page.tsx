import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectAgreement } from "@/server/agreement";
import { AgreementView } from "@/components/agreement/AgreementView";

export const metadata: Metadata = { title: "Agreement" };

export default async function AgreementPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/agreement`);
  const data = await orNotFound(getProjectAgreement(actor, projectId));
  const { project } = data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="muted mb-1 text-sm">
        <Link href={`/projects/${project.slug}`} className="hover:underline">
          {project.name}
        </Link>
        <span aria-hidden> › </span>Agreement
        <span aria-hidden> · </span>
        <Link href={`/projects/${project.slug}/review`} className="hover:underline">
          Review
        </Link>
      </nav>
      <h1 className="mb-6 text-2xl font-semibold">Inter-annotator agreement</h1>
      <AgreementView data={data} />
    </>
  );
}
