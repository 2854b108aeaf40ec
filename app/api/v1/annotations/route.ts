import { otherMethods, readJson, withActor } from "@/server/http";
import { saveAnnotation } from "@/server/annotations";

/** Saves one label (the workspace's save queue calls this). 409 with the current value on a stale version. */
export const POST = withActor(async (req, { actor }) => ({ annotation: await saveAnnotation(actor, (await readJson(req)) as never) }));

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
