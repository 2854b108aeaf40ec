import { otherMethods, readJson, withActor } from "@/server/http";
import { deleteSource, updateSource } from "@/server/sources/ledger";

type Ctx = { params: Promise<{ projectId: string; sourceId: string }> };

/** Edit an entry (managers): `{ name?, type?, side?, attributes? }`. */
export const PATCH = withActor<Ctx>(async (req, { actor, params }) => {
  const { projectId, sourceId } = await params;
  return updateSource(actor, projectId, sourceId, (await readJson(req)) as never);
});

/** Delete an entry (managers); its names become pending again. No label changes. */
export const DELETE = withActor<Ctx>(async (_req, { actor, params }) => {
  const { projectId, sourceId } = await params;
  return deleteSource(actor, projectId, sourceId);
});

/** Other methods: 405 with `Allow`. */
export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
