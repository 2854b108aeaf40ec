import { otherMethods, withActor } from "@/server/http";
import { streamExport } from "@/server/export";
import { exportOptionsFromQuery } from "@/lib/validation/export";
import { attachment, toReadableStream } from "@/lib/export/web-stream";

/**
 * The project's labels as a file, streamed as it is read: `?format=jsonl|csv-long|csv-wide|doccano|labelstudio|package`
 * and the filters of lib/validation/export.ts (`done_only`, `annotators`, `from`, `to`, `gold_only`,
 * `include_boilerplate`, `license`, `emails`, `bom`, `for_spreadsheets`).
 */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const file = await streamExport(actor, (await params).projectId, exportOptionsFromQuery(new URL(req.url).searchParams));
  const body = toReadableStream(file.chunks, (e) => console.error("Export stopped by an error while streaming", e));
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
