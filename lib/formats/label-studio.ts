/**
 * Label Studio tasks (JSON export): `{ data: { text, ... }, annotations?: [...], predictions?: [...] }`.
 * `labels` results become span labels, `choices` results document labels; other result types
 * (textarea, rating, relation, ...) are ignored, as are cancelled (skipped) annotations.
 */
import { z } from "zod";
import { assembleArticle, type FieldError } from "./article";
import { check, checkRecord, type JsonObject, metaFields, rawFromPlain, type RecordParser, spanToUtf16 } from "./record-common";
import { codePointToUtf16Table } from "./text";
import type { ImportedLabel } from "./types";

const Id = z.union([z.string(), z.number()]);
const CompletedBy = z.union([Id, z.looseObject({ id: Id.nullish(), email: z.string().nullish() })]).nullish();
const Result = z.array(z.looseObject({ type: z.string().nullish(), value: z.unknown() })).nullish();

const Task = z.object({
  id: Id.nullish(),
  data: z.object({ ...metaFields, text: z.string() }),
  annotations: z
    .array(
      z.object({
        completed_by: CompletedBy,
        was_cancelled: z.boolean().nullish(),
        result: Result,
      }),
    )
    .nullish(),
  predictions: z.array(z.object({ result: Result })).nullish(),
});

const LabelsValue = z.object({
  start: z.int(),
  end: z.int(),
  text: z.string().nullish(),
  labels: z.array(z.string()).min(1),
});
const ChoicesValue = z.object({ choices: z.array(z.string()).min(1) });

type ResultItem = { type?: string | null; value?: unknown };
function annotatorOf(completedBy: z.infer<typeof CompletedBy>): string {
  if (completedBy === null || completedBy === undefined) return "labelstudio:unknown";
  if (typeof completedBy === "object") return `labelstudio:${completedBy.email ?? completedBy.id ?? "unknown"}`;
  return `labelstudio:${completedBy}`;
}

/**
 * Offsets are code points (Label Studio since 2021). Exports from older versions used UTF-16
 * units: when the stored `text` of the region matches the UTF-16 slice but not the code point
 * slice, the UTF-16 offsets are taken as they are. When neither matches, it is an error.
 */
function spanOf(text: string, table: Uint32Array, v: z.infer<typeof LabelsValue>) {
  const span = spanToUtf16(text, v.start, v.end, table);
  if ("reason" in span) {
    if (v.text != null && text.slice(v.start, v.end) === v.text && v.start < v.end) return { start: v.start, end: v.end };
    return span;
  }
  if (v.text == null || text.slice(span.start, span.end) === v.text) return span;
  if (text.slice(v.start, v.end) === v.text) return { start: v.start, end: v.end };
  return { reason: `text ${JSON.stringify(v.text)} does not match offsets [${v.start}, ${v.end})` };
}

function readResults(
  items: ResultItem[],
  annotator: string,
  prefix: string,
  text: string,
  table: Uint32Array,
  labels: ImportedLabel[],
  errors: FieldError[],
) {
  items.forEach((item, i) => {
    const field = `${prefix}.${i}.value`;
    if (item.type === "labels") {
      const r = check(LabelsValue, item.value, field);
      if (!r.ok) return void errors.push(...r.errors);
      const span = spanOf(text, table, r.data);
      if ("reason" in span) return void errors.push({ field, reason: `field ${field}: ${span.reason}` });
      for (const label of r.data.labels) labels.push({ kind: "span", annotator, ...span, label });
    } else if (item.type === "choices") {
      const r = check(ChoicesValue, item.value, field);
      if (!r.ok) return void errors.push(...r.errors);
      for (const label of r.data.choices) labels.push({ kind: "document", annotator, label });
    }
  });
}

export const labelStudioRecordParser: RecordParser = {
  name: "label-studio",
  // A task keeps its text in `data`; a record with its own top-level `text` is not a task.
  accepts: (record: JsonObject) =>
    typeof record.data === "object" && record.data !== null && !Array.isArray(record.data) && record.text === undefined,
  parse(record, limits) {
    const r = checkRecord(Task, record);
    if (!r.data) return { ok: false, errors: r.errors };
    const task = r.data;
    const text = task.data.text;
    const table = codePointToUtf16Table(text);
    const labels: ImportedLabel[] = [];
    const errors: FieldError[] = [...r.errors];
    (task.annotations ?? []).forEach((a, i) => {
      if (a.was_cancelled) return;
      readResults(a.result ?? [], annotatorOf(a.completed_by), `annotations.${i}.result`, text, table, labels, errors);
    });
    (task.predictions ?? []).forEach((p, i) => {
      readResults(p.result ?? [], "labelstudio-prediction", `predictions.${i}.result`, text, table, labels, errors);
    });
    return assembleArticle({ ...rawFromPlain(task.data, "data.", task.id), labels }, limits, errors);
  },
};
