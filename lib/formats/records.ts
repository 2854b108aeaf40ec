/** JSON record shapes accepted by .json and .jsonl files, and the ordered list of their parsers. */
import { z } from "zod";
import { assembleArticle, type FieldError, type RecordOutcome } from "./article";
import { labelStudioRecordParser } from "./label-studio";
import {
  check,
  checkRecord,
  type JsonObject,
  metaFields,
  PlainRecord,
  rawFromPlain,
  type RecordParser,
  spanToUtf16,
} from "./record-common";
import { slantSentenceRecordParser } from "./slant";
import { codePointToUtf16Table } from "./text";
import type { ImportedLabel } from "./types";

/** Our own/plain records: `{ text, title?, url?, outlet?, story?, author?, published_at?|publishedAt?, language?, id? }`. */
export const plainRecordParser: RecordParser = {
  name: "plain",
  accepts: () => true,
  parse(record, limits) {
    const r = checkRecord(PlainRecord, record);
    return r.data ? assembleArticle(rawFromPlain(r.data), limits, r.errors) : { ok: false, errors: r.errors };
  },
};

const DoccanoLabel = z.union([z.tuple([z.int(), z.int(), z.string()]), z.string()], {
  error: "expected [start, end, label] or a label name",
});
const DoccanoRecord = z.object({
  ...metaFields,
  text: z.string(),
  label: z.array(z.unknown()),
  annotator: z.union([z.string(), z.number()]).nullish(),
  user: z.union([z.string(), z.number()]).nullish(),
});

/**
 * doccano: `{ text, label: [[start, end, "LABEL"], ...] }` (sequence labelling, offsets in code
 * points) or `{ text, label: ["CAT", ...] }` (text classification). Annotator from `annotator`
 * or `user`, else "doccano".
 */
export const doccanoRecordParser: RecordParser = {
  name: "doccano",
  accepts: (record) => Array.isArray(record.label),
  parse(record, limits): RecordOutcome {
    const r = checkRecord(DoccanoRecord, record);
    if (!r.data) return { ok: false, errors: r.errors };
    const rec = r.data;
    const annotator = String(rec.annotator ?? rec.user ?? "doccano").trim() || "doccano";
    const errors: FieldError[] = [...r.errors];
    const labels: ImportedLabel[] = [];
    const table = codePointToUtf16Table(rec.text);
    rec.label.forEach((value, i) => {
      const field = `label.${i}`;
      const checked = check(DoccanoLabel, value, field);
      if (!checked.ok) return void errors.push(...checked.errors);
      const item = checked.data;
      if (typeof item === "string") {
        if (item.trim()) labels.push({ kind: "document", annotator, label: item.trim() });
        else errors.push({ field, reason: `field ${field}: empty label` });
        return;
      }
      const [start, end, label] = item;
      const span = spanToUtf16(rec.text, start, end, table);
      if ("reason" in span) errors.push({ field, reason: `field ${field}: ${span.reason}` });
      else if (!label.trim()) errors.push({ field, reason: `field ${field}: empty label` });
      else labels.push({ kind: "span", annotator, start: span.start, end: span.end, label: label.trim() });
    });
    return assembleArticle({ ...rawFromPlain(rec), labels }, limits, errors);
  },
};

/**
 * The record parsers, tried in order: the first whose `accepts(record)` is true parses it.
 *
 * Slant's own sentence-level export records come first: an article import cannot carry their
 * per-sentence labels, so they are refused with a pointer to the import that keeps them
 * (lib/formats/slant.ts `parseSlantJsonl`, server/import-slant.ts) instead of becoming one
 * document per sentence. The plain parser accepts everything and must stay last.
 */
export const RECORD_PARSERS: readonly RecordParser[] = [
  slantSentenceRecordParser,
  labelStudioRecordParser,
  doccanoRecordParser,
  plainRecordParser,
];

/** Parses one decoded JSON value (a line of .jsonl, an element of .json) with the first accepting parser. */
export function parseRecord(
  value: unknown,
  limits: Parameters<RecordParser["parse"]>[1],
  parsers: readonly RecordParser[] = RECORD_PARSERS,
): RecordOutcome {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, errors: [{ reason: "record is not a JSON object" }] };
  }
  const record = value as JsonObject;
  const parser = parsers.find((p) => p.accepts(record));
  if (!parser) return { ok: false, errors: [{ reason: "record matches no known shape" }] };
  return parser.parse(record, limits);
}
