import { otherMethods, withActor } from "@/server/http";
import { getArticleReport } from "@/server/reports/article";
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
  const format = q.get("format") ?? undefined;
  const view = await getArticleReport(actor, projectId, documentId, { annotator: q.get("annotator") ?? undefined, format });
  const body = {
    documentId: view.report.document.id,
    labelPolicy: {
      order: ["gold", "majority", "annotator"],
      annotator: view.annotator,
      description:
        "Each label: the gold label where a reviewer adjudicated it, else the majority of the annotators who confirmed the sentence, else the chosen annotator's (or the only confirming annotator's); each figure's basis counts its labels by source",
    },
    dimensions: view.dimensions,
    report: view.report,
  };
  const name = `report-${view.report.document.id}`;
  if (format === "csv") {
    return new Response(sourceRowsCsv([view.report]), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"` },
    });
  }
  if (q.get("download") === "1") {
    return new Response(`${JSON.stringify(body, null, 2)}\n`, {
      headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${name}.json"` },
    });
  }
  return body;
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
