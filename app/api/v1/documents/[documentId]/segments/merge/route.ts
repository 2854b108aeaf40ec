import { otherMethods, readJson, withActor } from "@/server/http";
import { mergeSegments } from "@/server/segments";

/**
 * Merges two neighbouring sentences (managers): body { segmentIds: [first, second], confirm? }.
 * 200 { report, segments }; 409 with the report in error.details when labels are concerned and
 * confirm is not true.
 */
export const POST = withActor<{ params: Promise<{ documentId: string }> }>(async (req, { actor, params }) => {
  const body = await readJson(req);
  return mergeSegments(actor, { ...(typeof body === "object" && body ? body : {}), documentId: (await params).documentId } as never);
});

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
