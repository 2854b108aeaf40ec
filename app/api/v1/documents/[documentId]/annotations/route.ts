import { otherMethods, withActor } from "@/server/http";
import { getMyDocumentLabels } from "@/server/workspace";

/** The signed-in annotator's own labels and confirmations in one document. */
export const GET = withActor<{ params: Promise<{ documentId: string }> }>(async (_req, { actor, params }) =>
  getMyDocumentLabels(actor, (await params).documentId),
);

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
