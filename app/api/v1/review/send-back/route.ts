import { otherMethods, readJson, withActor } from "@/server/http";
import { sendBack } from "@/server/review";

/** Sends a sentence back to one annotator with a comment (reviewers). */
export const POST = withActor(async (req, { actor }) => ({ comment: await sendBack(actor, (await readJson(req)) as never) }));

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
