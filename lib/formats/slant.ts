/**
 * Slant's own export (JSONL, one sentence per line; lib/export) read back with every label of
 * every annotator, so that exporting a project and importing the file into a new project
 * reproduces the labels exactly (server/import-slant.ts stores them).
 *
 * Sentences keep their index, paragraph, boilerplate flag and code-point offsets. Text between
 * sentences is not in the export: the document is rebuilt with spaces there (a line break between
 * paragraphs), so every offset stays where it was. Values come back in their stored form:
 * per-target objects become one value per target ("none" and null: no value), spans become
 * UTF-16 offsets into the rebuilt text.
 */
import { z } from "zod";
import type { RecordParser } from "./record-common";
import { issuesToErrors } from "./record-common";
import { codePointLength, codePointToUtf16Table, decodeUtf8, DecodeError } from "./text";

const nstr = z.string().nullable().optional();
const Span = z.object({ start: z.int().nonnegative(), end: z.int().nonnegative(), label: z.string().min(1), text: z.string().optional() });
const Value = z.union([z.string(), z.boolean(), z.array(z.string()), z.array(Span), z.record(z.string(), z.string().nullable()), z.null()]);
const Labels = z.record(z.string(), Value);
const SentenceRecord = z.object({
  document: z.object({
    id: z.string().min(1),
    external_id: nstr,
    title: z.string(),
    outlet: nstr,
    url: nstr,
    author: nstr,
    published_at: nstr,
    language: z.string().optional(),
  }),
  sentence_index: z.int().nonnegative(),
  paragraph: z.int().nonnegative().default(0),
  start: z.int().nonnegative(),
  end: z.int().nonnegative(),
  text: z.string(),
  is_boilerplate: z.boolean().default(false),
  annotations: z.array(
    z.object({
      annotator: z.string().min(1).max(100),
      confirmed: z.boolean(),
      updated_at: z.iso.datetime({ offset: true }),
      labels: Labels,
    }),
  ),
  gold: Labels.nullable().optional(),
});
type SentenceRecord = z.infer<typeof SentenceRecord>;

/** True for a sentence record of a Slant export (as opposed to an article record). */
export const isSlantSentenceRecord = (r: Record<string, unknown>) =>
  typeof r.sentence_index === "number" && Array.isArray(r.annotations) && typeof r.document === "object" && r.document !== null;

/**
 * In RECORD_PARSERS, first: an article import (one record = one document) cannot carry
 * sentence-level labels, so a Slant export is refused there with a pointer to the import that can.
 */
export const slantSentenceRecordParser: RecordParser = {
  name: "slant-sentences",
  accepts: isSlantSentenceRecord,
  parse: () => ({
    ok: false,
    errors: [
      {
        reason:
          "this is a sentence of a Slant export; import the file with `npm run slant -- import:slant --project P FILE`, which keeps every annotator's labels",
      },
    ],
  }),
};

export interface SlantLabel {
  segmentIndex: number;
  /** pseudonym (or "gold") as in the file */
  annotator: string;
  dimension: string;
  /** "" when the dimension has no target */
  target: string;
  /** stored form; null for a gold per-target "none" */
  value: unknown;
}

export interface SlantDocument {
  sourceId: string;
  title: string;
  externalId: string | null;
  outlet: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string;
  text: string;
  segments: { index: number; paragraph: number; start: number; end: number; isBoilerplate: boolean }[];
  /** one per annotator and sentence in the file */
  entries: { segmentIndex: number; annotator: string; confirmed: boolean; updatedAt: string }[];
  labels: SlantLabel[];
  gold: SlantLabel[];
}

export interface SlantParseResult {
  documents: SlantDocument[];
  /** pseudonyms in order of first appearance */
  annotators: string[];
  errors: { line?: number; reason: string }[];
}

function storedValues(
  labels: z.infer<typeof Labels>,
  seg: { start: number; text: string },
  gold: boolean,
  out: (dimension: string, target: string, value: unknown) => void,
): string | null {
  for (const [dimension, v] of Object.entries(labels)) {
    if (v === null) continue;
    if (typeof v === "object" && !Array.isArray(v)) {
      for (const [target, tv] of Object.entries(v)) {
        if (tv !== null && tv !== "none") out(dimension, target, tv);
        else if (gold && tv === "none") out(dimension, target, null);
      }
    } else if (Array.isArray(v) && v.some((x) => typeof x === "object")) {
      const table = codePointToUtf16Table(seg.text);
      const spans = [];
      for (const s of v as z.infer<typeof Span>[]) {
        if (s.end > table.length - 1 || s.start >= s.end) return `span [${s.start}, ${s.end}) of ${dimension} is outside the sentence`;
        const start = table[s.start]!;
        const end = table[s.end]!;
        if (s.text !== undefined && seg.text.slice(start, end) !== s.text)
          return `span [${s.start}, ${s.end}) of ${dimension} does not cover ${JSON.stringify(s.text)}`;
        spans.push({ start: seg.start + start, end: seg.start + end, label: s.label });
      }
      out(dimension, "", spans);
    } else {
      out(dimension, "", v);
    }
  }
  return null;
}

function buildDocument(records: { line: number; r: SentenceRecord }[], errors: SlantParseResult["errors"]): SlantDocument | null {
  records.sort((a, b) => a.r.sentence_index - b.r.sentence_index);
  const d = records[0]!.r.document;
  const doc: SlantDocument = {
    sourceId: d.id,
    title: d.title,
    externalId: d.external_id ?? null,
    outlet: d.outlet ?? null,
    url: d.url ?? null,
    author: d.author ?? null,
    publishedAt: d.published_at ?? null,
    language: d.language ?? "en",
    text: "",
    segments: [],
    entries: [],
    labels: [],
    gold: [],
  };
  let cp = 0;
  let paragraph = records[0]!.r.paragraph;
  const fail = (line: number, reason: string) => (errors.push({ line, reason }), null);
  for (const { line, r } of records) {
    if (doc.segments.some((s) => s.index === r.sentence_index))
      return fail(line, `sentence ${r.sentence_index} of document ${d.id} appears twice`);
    if (r.start < cp) return fail(line, `sentence ${r.sentence_index} starts at ${r.start}, before the previous sentence ends (${cp})`);
    if (codePointLength(r.text) !== r.end - r.start)
      return fail(line, `sentence ${r.sentence_index}: start/end (${r.start}–${r.end}) do not match the length of its text`);
    const gap = r.start - cp;
    doc.text += r.paragraph !== paragraph && gap > 0 ? `${" ".repeat(gap - 1)}\n` : " ".repeat(gap);
    paragraph = r.paragraph;
    const seg = { start: doc.text.length, text: r.text };
    doc.segments.push({
      index: r.sentence_index,
      paragraph: r.paragraph,
      start: seg.start,
      end: seg.start + r.text.length,
      isBoilerplate: r.is_boilerplate,
    });
    doc.text += r.text;
    cp = r.end;
    for (const e of r.annotations) {
      doc.entries.push({
        segmentIndex: r.sentence_index,
        annotator: e.annotator,
        confirmed: e.confirmed,
        updatedAt: new Date(e.updated_at).toISOString(),
      });
      const bad = storedValues(e.labels, seg, false, (dimension, target, value) =>
        doc.labels.push({ segmentIndex: r.sentence_index, annotator: e.annotator, dimension, target, value }),
      );
      if (bad) return fail(line, bad);
    }
    if (r.gold) {
      const bad = storedValues(r.gold, seg, true, (dimension, target, value) =>
        doc.gold.push({ segmentIndex: r.sentence_index, annotator: "gold", dimension, target, value }),
      );
      if (bad) return fail(line, bad);
    }
  }
  return doc;
}

/** Parses a Slant JSONL export (bytes); any error rejects the whole file, with line numbers. */
export function parseSlantJsonl(bytes: Uint8Array): SlantParseResult {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return { documents: [], annotators: [], errors: [{ reason: e.message }] };
    throw e;
  }
  const errors: SlantParseResult["errors"] = [];
  const byDoc = new Map<string, { line: number; r: SentenceRecord }[]>();
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return void errors.push({ line, reason: "invalid JSON" });
    }
    const r = SentenceRecord.safeParse(value);
    if (!r.success) {
      const what =
        value && typeof value === "object" && !Array.isArray(value) && isSlantSentenceRecord(value as Record<string, unknown>)
          ? ""
          : "not a sentence of a Slant export: ";
      return void errors.push(...issuesToErrors(r.error.issues, value).map((e) => ({ line, reason: what + e.reason })));
    }
    const list = byDoc.get(r.data.document.id);
    if (list) list.push({ line, r: r.data });
    else byDoc.set(r.data.document.id, [{ line, r: r.data }]);
  });
  if (!byDoc.size && !errors.length) errors.push({ reason: "file has no records" });
  const documents = [...byDoc.values()].map((records) => buildDocument(records, errors)).filter((d): d is SlantDocument => d !== null);
  if (errors.length) return { documents: [], annotators: [], errors };
  const annotators = [...new Set(documents.flatMap((d) => d.entries.map((e) => e.annotator)))];
  return { documents, annotators, errors };
}
