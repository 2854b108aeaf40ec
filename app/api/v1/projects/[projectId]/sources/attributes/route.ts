import { otherMethods, readJson, withActor } from "@/server/http";
import { setSourceAttributes } from "@/server/sources/ledger";

/** The attribute names the ledger records per source (managers): `{ attributes: ["gender", …] }`. */
export const PUT = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) =>
  setSourceAttributes(actor, (await params).projectId, (await readJson(req)) as never),
);

/** Other methods: 405 with `Allow`. */
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
