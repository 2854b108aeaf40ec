import { otherMethods, withActor } from "@/server/http";
import { listMyReviewComments } from "@/server/review";

/** Comments reviewers sent to the signed-in annotator about sentences of this document. */
export const GET = withActor<{ params: Promise<{ documentId: string }> }>(async (_req, { actor, params }) => ({
  comments: await listMyReviewComments(actor, (await params).documentId),
}));

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
