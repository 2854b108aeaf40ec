import { otherMethods, withActor } from "@/server/http";
import { getDocumentForApi } from "@/server/workspace";

/** A document's metadata, text and segments (offsets in UTF-16 code units), for members of its project. */
export const GET = withActor<{ params: Promise<{ documentId: string }> }>(async (_req, { actor, params }) =>
  getDocumentForApi(actor, (await params).documentId),
);

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
