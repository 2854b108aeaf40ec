import { otherMethods, readJson, withActor } from "@/server/http";
import { splitSegment } from "@/server/segments";

/**
 * Splits a sentence (managers): body { segmentId, at, confirm? }. 200 { report, segments };
 * 409 with the report in error.details when labels are concerned and confirm is not true.
 */
export const POST = withActor<{ params: Promise<{ documentId: string }> }>(async (req, { actor, params }) => {
  const body = await readJson(req);
  return splitSegment(actor, { ...(typeof body === "object" && body ? body : {}), documentId: (await params).documentId } as never);
});

/** Other methods: 405 with `Allow`. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
