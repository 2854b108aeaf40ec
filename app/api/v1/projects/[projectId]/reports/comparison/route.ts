import { otherMethods, withActor } from "@/server/http";
import { getStoryComparison } from "@/server/reports/groups";

/** One story's outlets side by side (`story=` its name): first quoted source, stance per target, candidate omissions. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  return getStoryComparison(actor, (await params).projectId, {
    story: q.get("story") ?? undefined,
    annotator: q.get("annotator") ?? undefined,
  });
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
