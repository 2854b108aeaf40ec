import type { Metadata } from "next";
import { orNotFound, pageActor } from "@/server/http";
import { getReview } from "@/server/review";
import { ReviewScreen } from "@/components/review/ReviewScreen";
import { NoAccess } from "@/components/review/NoAccess";
import { orForbidden } from "@/components/review/forbidden";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewDocumentPage({ params }: { params: Promise<{ projectId: string; documentId: string }> }) {
  const { projectId, documentId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/review/${encodeURIComponent(documentId)}`);
  const r = await orNotFound(orForbidden(getReview(actor, projectId, documentId)));
  if (!r.ok) return <NoAccess projectRef={projectId} message={r.forbidden} />;
  const { access: _access, ...data } = r.data;
  void _access;
  return <ReviewScreen key={documentId} data={data} />;
}
