/**
 * .csv: RFC 4180 with a header row; a `text` column is required (header names are matched
 * trimmed and case-insensitively); optional title, url, outlet, story, author, published_at, language, id.
 * Line numbers are the physical line where a record starts.
 */
import { CsvError, parse } from "csv-parse/sync";
import { assembleArticle } from "./article";
import { decodeUtf8, DecodeError } from "./text";
import type { ImportedArticle, ImportError, ImportLimits, ParseResult } from "./types";

const COLUMNS = ["text", "title", "url", "outlet", "story", "author", "published_at", "language", "id"] as const;
type Column = (typeof COLUMNS)[number];

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Line where a record starts: csv-parse reports the line where it ends; the raw text tells how many it spans. */
function startLine(r: CsvRecord): number {
  const body = r.raw.replace(/^(?:[ \t]*\n)+/, "").replace(/\n$/, "");
  return r.info.lines - (body.match(/\n/g)?.length ?? 0);
}

export function parseCsvFile(name: string, bytes: Uint8Array, limits: ImportLimits): ParseResult {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return { articles: [], errors: [{ file: name, reason: e.message }] };
    throw e;
  }
  // One line-ending convention for the whole file (mixed "\r\n" and "\n" files are common).
  text = text.replace(/\r\n?/g, "\n");

  let rows: CsvRecord[];
  try {
    rows = parse(text, {
      bom: true,
      raw: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: "\n",
    }) as unknown as CsvRecord[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    return { articles: [], errors: [{ file: name, ...(line ? { line } : {}), reason: `invalid CSV: ${e.message}` }] };
  }

  const [header, ...records] = rows;
  if (!header) return { articles: [], errors: [{ file: name, reason: "file has no header row" }] };
  const names = header.record.map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const column of COLUMNS) {
    const i = names.indexOf(column);
    if (i >= 0) index.set(column, i);
  }
  if (!index.has("text")) {
    const found = header.record.map((h) => h.trim()).join(", ");
    const line = startLine(header);
    return { articles: [], errors: [{ file: name, line, reason: `header has no text column; found: ${found}` }] };
  }

  const articles: ImportedArticle[] = [];
  const errors: ImportError[] = [];
  for (const row of records) {
    // A row of empty cells (",,,") is a blank line in spreadsheet exports: skipped like one.
    if (row.record.every((v) => !v.trim())) continue;
    const line = startLine(row);
    if (row.record.length !== header.record.length) {
      errors.push({ file: name, line, reason: `expected ${header.record.length} fields, got ${row.record.length}` });
      continue;
    }
    const cell = (column: Column) => {
      const i = index.get(column);
      return { value: i === undefined ? undefined : row.record[i], field: column };
    };
    const outcome = assembleArticle(
      {
        text: cell("text"),
        title: cell("title"),
        url: cell("url"),
        outlet: cell("outlet"),
        story: cell("story"),
        author: cell("author"),
        publishedAt: cell("published_at"),
        language: cell("language"),
        externalId: cell("id"),
      },
      limits,
    );
    if (outcome.ok) articles.push({ ...outcome.article, source: { file: name, line } });
    else for (const e of outcome.errors) errors.push({ file: name, line, ...(e.field ? { field: e.field } : {}), reason: e.reason });
  }
  if (!errors.length && !articles.length) errors.push({ file: name, reason: "file has no records" });
  return errors.length ? { articles: [], errors } : { articles, errors: [] };
}
