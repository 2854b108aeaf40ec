import { otherMethods, withActor } from "@/server/http";
import { streamArticleReports } from "@/server/reports/articles";
import { attachment, toReadableStream } from "@/lib/export/web-stream";

/**
 * Every article's sourcing report, streamed: `format=csv` (default) one row per article × source,
 * `format=jsonl` one article report per line. Default label policy (gold, majority, the only
 * confirming annotator). Same access as the report pages.
 */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const file = await streamArticleReports(actor, (await params).projectId, {
    format: new URL(req.url).searchParams.get("format") ?? undefined,
  });
  const body = toReadableStream(file.chunks, (e) => console.error("Article reports stopped by an error while streaming", e));
  return new Response(body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": attachment(file.filename),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
