import { otherMethods, withActor } from "@/server/http";
import { getGroupReports } from "@/server/reports/groups";

/** Sourcing figures per outlet (`by=outlet`, the default) or per story (`by=story`); `annotator=` as for an article's report. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  return getGroupReports(actor, (await params).projectId, { by: q.get("by") ?? undefined, annotator: q.get("annotator") ?? undefined });
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
