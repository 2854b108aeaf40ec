/**
 * Text writers and the streaming driver: document batches in, chunks of text out, a document at
 * a time (nothing is kept between documents).
 *
 * Writers emit small pieces (a line, a row) rather than returning a document's text: the driver
 * cuts chunks of about CHUNK_CHARS from them, so however long a document is, no string grows far
 * past V8's large-object size (128 KiB); large strings go straight into the old generation, where
 * only a full collection frees them.
 */
import { UTF8_BOM } from "@/lib/formats/csv-write";
import { createRecordBuilder } from "./records";
import type { DocumentBatch, ExportContext, ExportDocument, SentenceRecord } from "./types";

export interface TextWriter {
  header?(): string;
  /** Writes one document's records through `emit`, in pieces (a line or a row each). */
  document(doc: ExportDocument, records: SentenceRecord[], emit: (piece: string) => void): void;
  footer?(): string;
}

/** One JSON object per line: one sentence (see ./types.ts SentenceRecord and ./records.ts). */
export function jsonlWriter(): TextWriter {
  return {
    document(_doc, records, emit) {
      for (const r of records) emit(`${JSON.stringify(r)}\n`);
    },
  };
}

/** The chunk size the driver aims at: large enough for few writes, small enough to stream. */
export const CHUNK_CHARS = 64 * 1024;

export interface WriteOptions {
  /** Prepend a UTF-8 byte order mark (Excel). */
  bom?: boolean;
  /** Called after each document with the number of sentences written so far. */
  onProgress?: (sentences: number) => void;
  /** Sees every record as it is written (the package computes agreement from them). */
  onRecord?: (r: SentenceRecord) => void;
}

/** Drives a writer over document batches; yields text chunks of about CHUNK_CHARS. */
export async function* writeText(
  ctx: ExportContext,
  writer: TextWriter,
  batches: AsyncIterable<DocumentBatch> | Iterable<DocumentBatch>,
  opts: WriteOptions = {},
): AsyncGenerator<string> {
  const build = createRecordBuilder(ctx);
  let buf = (opts.bom ? UTF8_BOM : "") + (writer.header?.() ?? "");
  const full: string[] = [];
  const emit = (piece: string) => {
    buf += piece;
    if (buf.length >= CHUNK_CHARS) {
      full.push(buf);
      buf = "";
    }
  };
  let sentences = 0;
  for await (const batch of batches) {
    const records = build(batch);
    if (opts.onRecord) for (const r of records) opts.onRecord(r);
    writer.document(batch.document, records, emit);
    sentences += records.length;
    opts.onProgress?.(sentences);
    while (full.length) yield full.shift()!;
  }
  buf += writer.footer?.() ?? "";
  if (buf) yield buf;
}
