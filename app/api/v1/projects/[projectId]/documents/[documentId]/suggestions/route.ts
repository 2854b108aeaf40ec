import { otherMethods, withActor } from "@/server/http";
import { documentSuggestions } from "@/server/suggestions/service";

/** The document's machine suggestions (not labels): `{ suggestions }`, offsets relative to each segment. */
export const GET = withActor<{ params: Promise<{ projectId: string; documentId: string }> }>(async (_req, { actor, params }) => {
  const { projectId, documentId } = await params;
  return { suggestions: await documentSuggestions(actor, projectId, documentId) };
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
