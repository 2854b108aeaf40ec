import { otherMethods, readJson, withActor } from "@/server/http";
import { splitAliases } from "@/server/sources/ledger";

/** Unmerge (managers): `{ aliasIds }` of one entry leave it and form a new entry. No label changes. */
export const POST = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) =>
  splitAliases(actor, (await params).projectId, (await readJson(req)) as never),
);

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
