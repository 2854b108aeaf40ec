import { otherMethods, withActor } from "@/server/http";
import { getStoryComparison } from "@/server/reports/groups";
import { fileSlug, reportAnswer } from "@/server/reports/download";
import { labelPolicyJson } from "@/lib/reports/basis";
import { comparisonRowsCsv } from "@/lib/reports/csv";

/**
 * One story's outlets side by side (`story=` its name): first quoted source, stance per target,
 * candidate omissions; `format=csv` one row per outlet, `download=1` the JSON as an attachment.
 */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  const view = await getStoryComparison(actor, (await params).projectId, {
    story: q.get("story") ?? undefined,
    annotator: q.get("annotator") ?? undefined,
    format: q.get("format") ?? undefined,
  });
  const body = { ...view, labelPolicy: labelPolicyJson(view.annotator) };
  return reportAnswer(q, `${view.project.slug}-story-${fileSlug(view.comparison.story)}`, body, () =>
    comparisonRowsCsv([view.comparison], view.labels),
  );
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
