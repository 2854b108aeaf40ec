import { otherMethods, withActor } from "@/server/http";
import { getGroupReports } from "@/server/reports/groups";
import { reportAnswer } from "@/server/reports/download";
import { labelPolicyJson } from "@/lib/reports/basis";
import { groupRowsCsv } from "@/lib/reports/csv";

/**
 * Sourcing figures per outlet (`by=outlet`, the default) or per story (`by=story`); `annotator=` as
 * for an article's report; `format=csv` one row per group, `download=1` the JSON as an attachment.
 */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  const view = await getGroupReports(actor, (await params).projectId, {
    by: q.get("by") ?? undefined,
    annotator: q.get("annotator") ?? undefined,
    format: q.get("format") ?? undefined,
  });
  const body = { ...view, labelPolicy: labelPolicyJson(view.annotator) };
  return reportAnswer(q, `${view.project.slug}-sourcing-by-${view.by}`, body, () => groupRowsCsv(view.groups, view.labels, view.by));
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
