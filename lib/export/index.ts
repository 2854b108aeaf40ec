/**
 * Export writers: document batches in, file chunks out (see ./types.ts for the data shapes and
 * ./records.ts for the "none" versus "not annotated" rules). Pure and streaming: one document's
 * records at a time.
 */
import { csvLongWriter, csvWideWriter } from "./csv";
import { doccanoWriter, labelStudioWriter } from "./interchange";
import { packageStream, type PackageInput } from "./package";
import type { ExportFormat } from "./types";
import { jsonlWriter, writeText, type TextWriter } from "./writer";

export * from "./types";
export { createRecordBuilder, majorityLabels } from "./records";
export { csvLongWriter, csvWideWriter, wideColumns } from "./csv";
export { writeText } from "./writer";
export { zipStream } from "./zip";
export { datasetCard } from "./card";
export { codePointOffsets } from "./offsets";

export const FORMAT_INFO: Readonly<Record<ExportFormat, { label: string; extension: string; contentType: string }>> = {
  jsonl: { label: "JSON Lines (one sentence per line)", extension: "jsonl", contentType: "application/x-ndjson; charset=utf-8" },
  "csv-long": { label: "CSV, long (sentence × annotator × dimension)", extension: "csv", contentType: "text/csv; charset=utf-8" },
  "csv-wide": { label: "CSV, wide (one row per sentence)", extension: "csv", contentType: "text/csv; charset=utf-8" },
  doccano: { label: "doccano JSONL (span labels)", extension: "jsonl", contentType: "application/x-ndjson; charset=utf-8" },
  labelstudio: { label: "Label Studio JSON (tasks)", extension: "json", contentType: "application/json; charset=utf-8" },
  package: { label: "Dataset package (.zip with a dataset card)", extension: "zip", contentType: "application/zip" },
};

export interface ExportInput extends PackageInput {
  /** UTF-8 byte order mark at the start of CSV files (for Excel). */
  bom?: boolean;
  /** CSV cells that look like formulas get a leading `'` (see ./csv.ts); text is exact otherwise. */
  forSpreadsheets?: boolean;
}

function textWriter(format: Exclude<ExportFormat, "package">, input: ExportInput): TextWriter {
  switch (format) {
    case "jsonl":
      return jsonlWriter();
    case "csv-long":
      return csvLongWriter(input.ctx, input);
    case "csv-wide":
      return csvWideWriter(input.ctx, input);
    case "doccano":
      return doccanoWriter(input.ctx);
    case "labelstudio":
      return labelStudioWriter(input.ctx);
  }
}

/** The chunks of one export file: text for the text formats, bytes for the package. */
export function exportChunks(format: ExportFormat, input: ExportInput): AsyncIterable<string | Uint8Array> {
  if (format === "package") return packageStream(input);
  const bom = !!input.bom && (format === "csv-long" || format === "csv-wide");
  return writeText(input.ctx, textWriter(format, input), input.batches(), { bom, onProgress: (n) => input.onProgress?.(format, n) });
}
