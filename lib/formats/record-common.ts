/** Shared pieces of the JSON record parsers: the parser interface, zod helpers, metadata fields. */
import { z } from "zod";
import type { FieldError, RawArticle, RecordOutcome } from "./article";
import { codePointToUtf16Table } from "./text";
import type { ImportLimits } from "./types";

export type JsonObject = Record<string, unknown>;

/**
 * One record shape (plain, doccano, Label Studio, ...). `RECORD_PARSERS` in records.ts lists
 * them in the order they are tried: the first whose `accepts` returns true parses the record.
 */
export interface RecordParser {
  name: string;
  accepts(record: JsonObject): boolean;
  parse(record: JsonObject, limits: ImportLimits): RecordOutcome;
}

const optString = z.string().nullish();
const optId = z.union([z.string(), z.number()]).nullish();

/** Optional metadata fields of our own/plain records (also inside Label Studio's `data`). */
export const metaFields = {
  title: optString,
  url: optString,
  outlet: optString,
  story: optString,
  author: optString,
  published_at: optString,
  publishedAt: optString,
  language: optString,
  id: optId,
};
export const PlainRecord = z.object({ text: z.string(), ...metaFields });
export type PlainRecord = z.infer<typeof PlainRecord>;

/** The RawArticle of a plain record; `prefix` ("data.") makes error field names match the file. */
export function rawFromPlain(rec: PlainRecord, prefix = "", externalId?: string | number | null): RawArticle {
  const dateField = rec.published_at != null || rec.publishedAt == null ? "published_at" : "publishedAt";
  return {
    text: { value: rec.text, field: `${prefix}text` },
    title: { value: rec.title, field: `${prefix}title` },
    url: { value: rec.url, field: `${prefix}url` },
    outlet: { value: rec.outlet, field: `${prefix}outlet` },
    story: { value: rec.story, field: `${prefix}story` },
    author: { value: rec.author, field: `${prefix}author` },
    publishedAt: { value: rec.published_at ?? rec.publishedAt, field: `${prefix}${dateField}` },
    language: { value: rec.language, field: `${prefix}language` },
    externalId: { value: rec.id ?? externalId, field: `${prefix}id` },
  };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** zod issues as field errors: "missing field text", "field published_at: expected string, got number". */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], input: unknown, prefix = ""): FieldError[] {
  return issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter((p) => p !== "").join(".");
    const actual = at(input, issue.path);
    if (issue.code === "invalid_type") {
      if (actual === undefined || actual === null) return { field, reason: `missing field ${field}` };
      return { field, reason: `field ${field}: expected ${issue.expected}, got ${describe(actual)}` };
    }
    return { field, reason: `field ${field}: ${issue.message}` };
  });
}

/**
 * Like `check`, but keeps going past bad fields so one pass reports every problem of a record:
 * when fields fail, they are dropped and the rest is validated again. `data` is present when
 * the record is usable without the failing fields (their errors are still returned).
 */
export function checkRecord<T>(schema: z.ZodType<T>, record: JsonObject): { data?: T; errors: FieldError[] } {
  const r = schema.safeParse(record);
  if (r.success) return { data: r.data, errors: [] };
  const errors = issuesToErrors(r.error.issues, record);
  const rest = { ...record };
  for (const issue of r.error.issues) delete rest[String(issue.path[0])];
  const again = schema.safeParse(rest);
  return again.success ? { data: again.data, errors } : { errors };
}

/** Validate `input` with `schema`; errors carry field paths starting with `prefix`. */
export function check<T>(schema: z.ZodType<T>, input: unknown, prefix = ""): { ok: true; data: T } | { ok: false; errors: FieldError[] } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: issuesToErrors(r.error.issues, input, prefix) };
}

/**
 * Converts a [start, end) span in Unicode code points (doccano, Label Studio, Python) to UTF-16
 * code units, or explains why it does not fit the text.
 */
export function spanToUtf16(
  text: string,
  start: number,
  end: number,
  table: Uint32Array = codePointToUtf16Table(text),
): { start: number; end: number } | { reason: string } {
  const length = table.length - 1;
  if (start < 0 || end > length) {
    return { reason: `span [${start}, ${end}) is outside the text (${length} code points)` };
  }
  if (start >= end) return { reason: `span [${start}, ${end}) is empty or reversed` };
  return { start: table[start] ?? 0, end: table[end] ?? text.length };
}
