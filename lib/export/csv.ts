/**
 * CSV exports (RFC 4180 via lib/formats/csv-write.ts). Text is exact by default, so `text[start:end]`
 * holds; `forSpreadsheets` neutralises formula-looking cells (a leading `'`) for files opened in
 * spreadsheet software, which changes those cells.
 *
 * - long: one row per sentence × annotator × dimension (× target), plus rows for the
 *   pseudo-annotators "gold" and "majority" where they exist. An empty value is "not annotated";
 *   "none" is a confirmed sentence without a stance for that target.
 * - wide: one row per sentence, one column per annotator × dimension (× target), then gold.* and
 *   majority.* columns.
 * Lists (multi values, spans) are JSON in their cell; spans carry code-point offsets relative to
 * the sentence text and the text they cover.
 */
import { csvRow, type CsvValue } from "@/lib/formats/csv-write";
import { dimensionKeys, type DimensionKey } from "@/lib/schema/helpers";
import type { ExportContext, ExportValue, LabelSet, SentenceRecord } from "./types";
import type { TextWriter } from "./writer";

export interface CsvWriterOptions {
  /** Prefix cells starting with = + - @ (tab, CR) with `'` so spreadsheets show them as text (changes the text). */
  forSpreadsheets?: boolean;
}

export const SENTENCE_COLUMNS = [
  "project_id",
  "document_id",
  "document_external_id",
  "document_title",
  "document_story",
  "sentence_index",
  "paragraph",
  "start",
  "end",
  "text",
  "is_boilerplate",
] as const;

function sentenceCells(r: SentenceRecord): CsvValue[] {
  return [
    r.project.id,
    r.document.id,
    r.document.external_id,
    r.document.title,
    r.document.story,
    r.sentence_index,
    r.paragraph,
    r.start,
    r.end,
    r.text,
    r.is_boilerplate,
  ];
}

/** One cell of a label: text as is, booleans true/false, lists as JSON, null as empty. */
export function valueCell(v: ExportValue | undefined): CsvValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  return JSON.stringify(v);
}

function keyValue(labels: LabelSet | null, k: DimensionKey): ExportValue | undefined {
  const v = labels?.[k.dimension];
  if (k.target === null) return v;
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string | null>)[k.target] : null;
}

const keyName = (k: DimensionKey) => (k.target === null ? k.dimension : `${k.dimension}.${k.target}`);

export function csvLongWriter(ctx: ExportContext, { forSpreadsheets = false }: CsvWriterOptions = {}): TextWriter {
  const row = (cells: readonly CsvValue[]) => csvRow(cells, { neutralise: forSpreadsheets });
  const keys = dimensionKeys(
    ctx.schema,
    ctx.targets.map((t) => t.key),
  );
  const emails = ctx.includeEmails;
  return {
    header: () =>
      row([
        ...SENTENCE_COLUMNS,
        "annotator",
        ...(emails ? ["annotator_email"] : []),
        "confirmed",
        "updated_at",
        "time_ms",
        "dimension",
        "target",
        "value",
      ]),
    document(_doc, records, emit) {
      for (const r of records) {
        const base = sentenceCells(r);
        const rows = (
          who: string,
          email: string | null,
          confirmed: boolean | null,
          updated: string | null,
          timeMs: number | null,
          labels: LabelSet,
        ) => {
          for (const k of keys) {
            emit(
              row([
                ...base,
                who,
                ...(emails ? [email] : []),
                confirmed,
                updated,
                timeMs,
                k.dimension,
                k.target,
                valueCell(keyValue(labels, k)),
              ]),
            );
          }
        };
        for (const e of r.annotations) rows(e.annotator, e.email ?? null, e.confirmed, e.updated_at, e.time_ms, e.labels);
        if (r.gold) rows("gold", null, null, null, null, r.gold);
        if (r.majority) rows("majority", null, null, null, null, r.majority);
      }
    },
  };
}

/** Column names of the wide CSV, in order. */
export function wideColumns(ctx: ExportContext): string[] {
  const keys = dimensionKeys(
    ctx.schema,
    ctx.targets.map((t) => t.key),
  );
  const cols: string[] = [...SENTENCE_COLUMNS];
  for (const a of ctx.annotators) {
    cols.push(`${a.pseudonym}.confirmed`, `${a.pseudonym}.updated_at`, `${a.pseudonym}.time_ms`);
    if (ctx.includeEmails) cols.push(`${a.pseudonym}.email`);
    for (const k of keys) cols.push(`${a.pseudonym}.${keyName(k)}`);
  }
  if (ctx.includeGold) for (const who of ["gold", "majority"]) for (const k of keys) cols.push(`${who}.${keyName(k)}`);
  return cols;
}

export function csvWideWriter(ctx: ExportContext, { forSpreadsheets = false }: CsvWriterOptions = {}): TextWriter {
  const row = (cells: readonly CsvValue[]) => csvRow(cells, { neutralise: forSpreadsheets });
  const keys = dimensionKeys(
    ctx.schema,
    ctx.targets.map((t) => t.key),
  );
  return {
    header: () => row(wideColumns(ctx)),
    document(_doc, records, emit) {
      for (const r of records) {
        const cells = sentenceCells(r);
        const byName = new Map(r.annotations.map((e) => [e.annotator, e]));
        for (const a of ctx.annotators) {
          const e = byName.get(a.pseudonym);
          cells.push(e?.confirmed ?? null, e?.updated_at ?? null, e?.time_ms ?? null);
          if (ctx.includeEmails) cells.push(e ? (e.email ?? a.email ?? null) : null);
          for (const k of keys) cells.push(e ? valueCell(keyValue(e.labels, k)) : null);
        }
        if (ctx.includeGold) for (const set of [r.gold, r.majority]) for (const k of keys) cells.push(valueCell(keyValue(set, k)));
        emit(row(cells));
      }
    },
  };
}
