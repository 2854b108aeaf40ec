import { otherMethods, readJson, withActor } from "@/server/http";
import { createSource, getSourceLedger } from "@/server/sources/ledger";

type Ctx = { params: Promise<{ projectId: string }> };

/** The project's source ledger: entries with their aliases, pending names, the choices for type and side (reviewers, managers). */
export const GET = withActor<Ctx>(async (_req, { actor, params }) => {
  const { access: _access, ...ledger } = await getSourceLedger(actor, (await params).projectId);
  return ledger;
});

/** A new entry (managers): `{ name, type?, side?, attributes?, names? }`; its names become aliases. */
export const POST = withActor<Ctx>(async (req, { actor, params }) =>
  createSource(actor, (await params).projectId, (await readJson(req)) as never),
);

/** Other methods: 405 with `Allow`. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
