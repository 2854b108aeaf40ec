import { otherMethods, readJson, withActor } from "@/server/http";
import { mergeSources } from "@/server/sources/ledger";

/** Merge entries (managers): `{ into, from }`; the aliases of `from` move to `into`. No label changes. */
export const POST = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) =>
  mergeSources(actor, (await params).projectId, (await readJson(req)) as never),
);

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
