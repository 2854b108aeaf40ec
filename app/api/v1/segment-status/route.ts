import { otherMethods, readJson, withActor } from "@/server/http";
import { setSegmentStatus } from "@/server/annotations";

/** Confirms or un-confirms a sentence for the signed-in annotator. */
export const POST = withActor(async (req, { actor }) => ({ status: await setSegmentStatus(actor, (await readJson(req)) as never) }));

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
