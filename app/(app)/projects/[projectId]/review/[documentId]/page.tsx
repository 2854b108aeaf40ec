import type { Metadata } from "next";
import { orNotFound, pageActor } from "@/server/http";
import { getReview } from "@/server/review";
import { ReviewScreen } from "@/components/review/ReviewScreen";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewDocumentPage({ params }: { params: Promise<{ projectId: string; documentId: string }> }) {
  const { projectId, documentId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/review/${encodeURIComponent(documentId)}`);
  const { access: _access, ...data } = await orNotFound(getReview(actor, projectId, documentId));
  void _access;
  return <ReviewScreen key={documentId} data={data} />;
}
