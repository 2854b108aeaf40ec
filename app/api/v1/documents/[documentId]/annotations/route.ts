import { withActor } from "@/server/http";
import { getMyDocumentLabels } from "@/server/workspace";

/** The signed-in annotator's own labels and confirmations in one document. */
export const GET = withActor<{ params: Promise<{ documentId: string }> }>(async (_req, { actor, params }) =>
  getMyDocumentLabels(actor, (await params).documentId),
);
