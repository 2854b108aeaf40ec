import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getSegmentEditor } from "@/server/segments";
import { SegmentEditor } from "@/components/segments/SegmentEditor";

export const metadata: Metadata = { title: "Sentence boundaries" };

/** Managers correct a document's sentence boundaries: split and merge. */
export default async function SegmentsPage({ params }: { params: Promise<{ projectId: string; documentId: string }> }) {
  const { projectId, documentId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/documents/${encodeURIComponent(documentId)}/segments`);
  // Non-members get the 404 page, other roles the 403 page (app/forbidden.tsx).
  const { access: _access, ...data } = await orNotFound(getSegmentEditor(actor, projectId, documentId));
  void _access;
  const { project, document: doc } = data;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/projects/${project.slug}`} className="hover:underline">
          {project.name}
        </Link>
        <span aria-hidden> › </span>
        <Link href={`/projects/${project.slug}/documents/${doc.id}`} className="hover:underline">
          {doc.title}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Sentence boundaries</h1>
      <SegmentEditor key={doc.id} data={data} />
    </div>
  );
}
