import { otherMethods, withActor } from "@/server/http";
import { getImportJob } from "@/server/imports";

/** One import: `{ job }` with status, progress (processed of total articles) and the report. */
export const GET = withActor<{ params: Promise<{ projectId: string; jobId: string }> }>(async (_req, { actor, params }) => {
  const { projectId, jobId } = await params;
  return { job: await getImportJob(actor, projectId, jobId) };
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
