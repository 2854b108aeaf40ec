import { otherMethods, readJson, withActor } from "@/server/http";
import { linkNames } from "@/server/sources/ledger";

/** Link typed names to the entry (managers): `{ names }`; 409 when a name belongs to another entry. */
export const POST = withActor<{ params: Promise<{ projectId: string; sourceId: string }> }>(async (req, { actor, params }) => {
  const { projectId, sourceId } = await params;
  return linkNames(actor, projectId, sourceId, (await readJson(req)) as never);
});

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
