import { otherMethods, withActor } from "@/server/http";
import { takeNextDocument } from "@/server/assignments";

/** Hands the signed-in annotator the next document that needs them ({ documentId: null } when none). */
export const POST = withActor<{ params: Promise<{ projectId: string }> }>(async (_req, { actor, params }) => {
  const next = await takeNextDocument(actor, (await params).projectId);
  return next ?? { documentId: null, message: "No document needs you right now: every document has its annotators." };
});

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
