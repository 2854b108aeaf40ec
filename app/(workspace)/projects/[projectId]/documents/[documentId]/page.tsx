import type { Metadata } from "next";
import { orNotFound, pageActor } from "@/server/http";
import { getWorkspace } from "@/server/workspace";
import { Workspace } from "@/components/workspace/Workspace";

export const metadata: Metadata = { title: "Annotate" };

export default async function AnnotatePage({ params }: { params: Promise<{ projectId: string; documentId: string }> }) {
  const { projectId, documentId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/documents/${encodeURIComponent(documentId)}`);
  const { access, ...data } = await orNotFound(getWorkspace(actor, projectId, documentId));
  return <Workspace key={documentId} data={{ ...data, role: access.role }} userId={actor.id} />;
}
