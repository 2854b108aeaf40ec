import { otherMethods, withActor } from "@/server/http";
import { getProjectQuality } from "@/server/quality";
import { reportAnswer } from "@/server/reports/download";
import { qualityCsv } from "@/lib/quality/csv";

/** Per-annotator quality (reviewers, managers); `format=csv` one row per annotator × variable, `download=1` the JSON as an attachment. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  const report = await getProjectQuality(actor, (await params).projectId, { format: q.get("format") ?? undefined });
  return reportAnswer(q, `${report.project.slug}-annotator-quality`, report, () => qualityCsv(report));
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
