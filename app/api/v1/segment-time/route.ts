import { otherMethods, readJson, withActor } from "@/server/http";
import { recordSegmentTime } from "@/server/segment-time";

/** Adds the workspace's measured time per sentence to the signed-in annotator's own (no label is written). */
export const POST = withActor(async (req, { actor }) => await recordSegmentTime(actor, (await readJson(req)) as never));

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
