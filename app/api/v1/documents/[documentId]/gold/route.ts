import { withActor } from "@/server/http";
import { listGoldLabels } from "@/server/gold";

/** The gold labels of one document (reviewers, managers, admins). */
export const GET = withActor<{ params: Promise<{ documentId: string }> }>(async (_req, { actor, params }) => ({
  gold: await listGoldLabels(actor, (await params).documentId),
}));
