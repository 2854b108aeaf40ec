import { otherMethods, readJson, withActor } from "@/server/http";
import { setDocumentDone } from "@/server/workspace";

/** Marks the document done (or reopens it) for the signed-in annotator. */
export const POST = withActor<{ params: Promise<{ documentId: string }> }>(async (req, { actor, params }) => {
  const body = await readJson(req);
  return setDocumentDone(actor, { ...(typeof body === "object" && body ? body : {}), documentId: (await params).documentId });
});

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
