import { otherMethods, withActor } from "@/server/http";
import { listGoldLabels } from "@/server/gold";

/** The gold labels of one document (reviewers, managers, admins). */
export const GET = withActor<{ params: Promise<{ documentId: string }> }>(async (_req, { actor, params }) => ({
  gold: await listGoldLabels(actor, (await params).documentId),
}));

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
