/**
 * Types shared by the import parsers. Everything in lib/formats is pure: bytes in, data out,
 * no database, no framework, no I/O.
 */

/** A label carried by an imported file. Offsets are UTF-16 code units into `ImportedArticle.text`. */
export type ImportedLabel =
  { kind: "span"; annotator: string; start: number; end: number; label: string } | { kind: "document"; annotator: string; label: string };

export interface ImportedArticle {
  /** Given by the file, or derived from the text (see `deriveTitle`). */
  title: string;
  /** Plain text, "\n" line endings, no leading blank lines, no trailing whitespace. */
  text: string;
  /** http(s) URL, normalised by the WHATWG URL parser. */
  url?: string;
  outlet?: string;
  /** The story (one event, several outlets) the article belongs to. */
  story?: string;
  author?: string;
  /** ISO 8601 UTC, e.g. "2024-03-05T10:00:00.000Z". */
  publishedAt?: string;
  /** Canonical BCP 47 tag, e.g. "en", "pt-BR". */
  language?: string;
  externalId?: string;
  labels?: ImportedLabel[];
  /** Where the article came from: file name (zip entries as `archive.zip/inner/name.csv`) and 1-based line. */
  source: { file: string; line?: number };
}

export interface ImportError {
  file: string;
  /** 1-based physical line where the bad record starts, when the format has lines. */
  line?: number;
  /** 0-based element index in a JSON array (`record 5` is `array[5]`). */
  record?: number;
  /** Machine-readable field path, e.g. "published_at" or "annotations.0.result.1.value". */
  field?: string;
  /** Self-contained human-readable reason, e.g. "missing field text", "field url: not a valid http(s) URL". */
  reason: string;
}

export interface ParseResult {
  articles: ImportedArticle[];
  errors: ImportError[];
}

export interface ImportLimits {
  /** Longest accepted article text, in UTF-16 code units (JavaScript string length). */
  maxArticleChars: number;
  /** Largest accepted file (and zip entry), in bytes. */
  maxFileBytes: number;
  /** Largest accepted HTML page, in bytes: jsdom needs about a second per MB, and far more memory. */
  maxHtmlBytes: number;
  /** Most articles accepted from one `parseImportFile` / `parseImportFiles` call. */
  maxArticlesPerUpload: number;
  /** Most entries (files and directories) in one zip archive. */
  maxZipEntries: number;
  /** Most bytes a zip archive may unpack to, all entries together (zip-bomb guard). */
  maxUnzippedBytes: number;
  /** Errors reported per file before the rest are summarised in one final error. */
  maxErrorsPerFile: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxArticleChars: 200_000,
  maxFileBytes: 50 * 1024 * 1024,
  maxHtmlBytes: 5 * 1024 * 1024,
  maxArticlesPerUpload: 10_000,
  maxZipEntries: 10_000,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxErrorsPerFile: 1_000,
});

export function resolveLimits(limits?: Partial<ImportLimits>): ImportLimits {
  const out = { ...DEFAULT_IMPORT_LIMITS };
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (typeof value === "number" && value >= 0 && key in out) out[key as keyof ImportLimits] = value;
  }
  return out;
}

/** The one wording for every exceeded limit: which limit, the actual number and the limit. */
export function limitReason(what: string, actual: number | string, name: keyof ImportLimits, limit: number): string {
  return `${what} ${actual}, over the limit ${name} (${limit})`;
}

/** "archive.zip/a.jsonl line 3: invalid JSON (Unexpected end of JSON input)" */
export function formatImportError(e: ImportError): string {
  const where = [e.line !== undefined ? `line ${e.line}` : "", e.record !== undefined ? `record ${e.record}` : ""]
    .filter(Boolean)
    .join(", ");
  return `${e.file}${where ? ` ${where}` : ""}: ${e.reason}`;
}
