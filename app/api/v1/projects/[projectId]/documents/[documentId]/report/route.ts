import { otherMethods, withActor } from "@/server/http";
import { getArticleReport } from "@/server/reports/article";
import { reportAnswer } from "@/server/reports/download";
import { labelPolicyJson } from "@/lib/reports/basis";
import { sourceRowsCsv } from "@/lib/reports/csv";

type Ctx = { params: Promise<{ projectId: string; documentId: string }> };

/**
 * The article's sourcing report (reviewers, managers; annotators of projects that are not blind):
 * JSON (`format=json`, the default) or CSV, one row per source (`format=csv`); `annotator=<user id>`
 * chooses whose labels count where there is no gold and no majority; `download=1` as an attachment.
 */
export const GET = withActor<Ctx>(async (req, { actor, params }) => {
  const { projectId, documentId } = await params;
  const q = new URL(req.url).searchParams;
  const view = await getArticleReport(actor, projectId, documentId, {
    annotator: q.get("annotator") ?? undefined,
    format: q.get("format") ?? undefined,
  });
  const body = {
    documentId: view.report.document.id,
    labelPolicy: labelPolicyJson(view.annotator),
    dimensions: view.dimensions,
    report: view.report,
  };
  return reportAnswer(q, `report-${view.report.document.id}`, body, () => sourceRowsCsv([view.report]));
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
