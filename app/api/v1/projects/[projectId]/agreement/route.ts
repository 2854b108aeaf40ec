import { otherMethods, withActor } from "@/server/http";
import { getProjectAgreement } from "@/server/agreement";

/** Inter-annotator agreement of the project, per variable and per document (managers, reviewers, admins). */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (_req, { actor, params }) =>
  getProjectAgreement(actor, (await params).projectId),
);

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
