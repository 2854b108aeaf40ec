import { otherMethods, readJson, withActor } from "@/server/http";
import { getProgress, setAssignments } from "@/server/assignments";

/** Managers: assign ({ assign: true }) or unassign documents to annotators in bulk. */
export const POST = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) =>
  setAssignments(actor, (await params).projectId, await readJson(req)),
);

/** Managers and reviewers: progress per annotator and per document. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (_req, { actor, params }) => {
  const { access: _access, ...progress } = await getProgress(actor, (await params).projectId);
  return progress;
});

/** Other methods: 405 with `Allow`. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
