import { otherMethods, withActor } from "@/server/http";
import { sourceNameOptions } from "@/server/sources/ledger";

/** What the source-name field offers you (members): the ledger's names and your own earlier ones, never a colleague's unapproved name. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (_req, { actor, params }) => ({
  names: await sourceNameOptions(actor, (await params).projectId),
}));

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
