import { otherMethods, readJson, withActor } from "@/server/http";
import { getDocumentForApi } from "@/server/workspace";
import { updateDocument } from "@/server/stories";

/** A document's metadata, text and segments (offsets in UTF-16 code units), for members of its project. */
export const GET = withActor<{ params: Promise<{ documentId: string }> }>(async (_req, { actor, params }) =>
  getDocumentForApi(actor, (await params).documentId),
);

/** Change a document's metadata (managers): `{ story }`, null or "" clears it. */
export const PATCH = withActor<{ params: Promise<{ documentId: string }> }>(async (req, { actor, params }) =>
  updateDocument(actor, (await params).documentId, (await readJson(req)) as never),
);

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
