import { otherMethods, readJson, withActor } from "@/server/http";
import { saveGoldLabel } from "@/server/gold";

/** Saves one gold label (reviewers). 422 for a value the label schema refuses, 409 with the current label on a stale version. */
export const POST = withActor(async (req, { actor }) => ({ gold: await saveGoldLabel(actor, (await readJson(req)) as never) }));

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
