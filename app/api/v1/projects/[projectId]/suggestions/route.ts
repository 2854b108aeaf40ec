import { otherMethods, readJson, withActor } from "@/server/http";
import { requestSuggestions, suggestionRuns } from "@/server/suggestions/service";

type Ctx = { params: Promise<{ projectId: string }> };

/**
 * Computes suggestions again for existing documents, in the background: JSON `{ documentIds? }`
 * (`{}`: all documents). 202 `{ queued }`; GET shows the runs. Managers only.
 */
export const POST = withActor<Ctx>(async (req, { actor, params }) => {
  const { projectId } = await params;
  return Response.json(await requestSuggestions(actor, projectId, await readJson(req)), { status: 202 });
});

/** Per provider: runs queued, running, done and failed, and the latest errors: `{ providers }`. Managers only. */
export const GET = withActor<Ctx>(async (_req, { actor, params }) => ({
  providers: await suggestionRuns(actor, (await params).projectId),
}));

/** Other methods: 405 with `Allow`. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
