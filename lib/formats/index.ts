/**
 * Import parsers: bytes of an uploaded file in, articles (with any labels they carry) and
 * errors out. Pure functions: no database, no framework, no I/O.
 *
 * Every file is all-or-nothing: a file with any error contributes all its errors and no
 * articles. Zip entries are files of their own. Limits never crash: they become errors that
 * name the limit and the numbers.
 */
import { parseCsvFile } from "./csv";
import { parseHtmlFile } from "./html";
import { parseJsonFile, parseJsonlFile } from "./json";
import { parsePlainTextFile } from "./plain-text";
import { extensionOf } from "./text";
import { type ImportError, type ImportLimits, limitReason, type ParseResult, resolveLimits } from "./types";
import { parseZipFile } from "./zip";

export * from "./types";

export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".zip"] as const;

/** Keeps the first maxErrorsPerFile errors of each file and summarises the rest in one error per file. */
function capErrors(errors: ImportError[], max: number): ImportError[] {
  const perFile = new Map<string, number>();
  const out: ImportError[] = [];
  for (const e of errors) {
    const n = (perFile.get(e.file) ?? 0) + 1;
    perFile.set(e.file, n);
    if (n <= max) out.push(e);
  }
  for (const [file, n] of perFile) {
    if (n > max) out.push({ file, reason: `${n - max} more errors not shown (maxErrorsPerFile ${max})` });
  }
  return out;
}

/** Told the name of each file (and zip entry) as its parsing starts: the worker's time limit runs per file. */
export type OnFile = (name: string) => void;

function parseOne(name: string, bytes: Uint8Array, limits: ImportLimits, depth: number, onFile?: OnFile): ParseResult {
  onFile?.(name);
  const fail = (reason: string): ParseResult => ({ articles: [], errors: [{ file: name, reason }] });
  if (bytes.length > limits.maxFileBytes) {
    return fail(limitReason("file is", `${bytes.length} bytes`, "maxFileBytes", limits.maxFileBytes));
  }
  const ext = extensionOf(name);
  try {
    switch (ext) {
      case ".txt":
        return parsePlainTextFile(name, bytes, limits, false);
      case ".md":
      case ".markdown":
        return parsePlainTextFile(name, bytes, limits, true);
      case ".html":
      case ".htm":
        return parseHtmlFile(name, bytes, limits);
      case ".jsonl":
      case ".ndjson":
        return parseJsonlFile(name, bytes, limits);
      case ".json":
        return parseJsonFile(name, bytes, limits);
      case ".csv":
        return parseCsvFile(name, bytes, limits);
      case ".zip":
        if (depth > 0) return fail("nested archives are not supported");
        return parseZipFile(name, bytes, limits, (inner, data) => parseOne(inner, data, limits, depth + 1, onFile));
      default:
        return fail(`unsupported file type ${ext || "(none)"} (supported: ${SUPPORTED_EXTENSIONS.join(", ")})`);
    }
  } catch (e) {
    // Parsers report expected problems as errors; anything thrown is a bug or a pathological input.
    return fail(`could not parse file (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Parses one uploaded file, dispatching on its extension (case-insensitive): .txt, .md, .html,
 * .htm, .json, .jsonl, .csv, .zip. Errors of one file mean no articles from that file (zip
 * entries each on their own). More than maxArticlesPerUpload articles rejects the upload.
 */
export function parseImportFile(name: string, bytes: Uint8Array, limits?: Partial<ImportLimits>): ParseResult {
  return parseImportFiles([{ name, bytes }], limits);
}

/** Several files of one upload; maxArticlesPerUpload applies to all of them together. */
export function parseImportFiles(
  files: readonly { name: string; bytes: Uint8Array }[],
  limits?: Partial<ImportLimits>,
  onFile?: OnFile,
): ParseResult {
  const l = resolveLimits(limits);
  const result: ParseResult = { articles: [], errors: [] };
  for (const file of files) {
    const r = parseOne(file.name, file.bytes, l, 0, onFile);
    result.articles.push(...r.articles);
    result.errors.push(...r.errors);
  }
  result.errors = capErrors(result.errors, l.maxErrorsPerFile);
  if (result.articles.length > l.maxArticlesPerUpload) {
    const count = result.articles.length;
    const file = files.length === 1 && files[0] ? files[0].name : "upload";
    result.articles = [];
    result.errors.push({
      file,
      reason: limitReason("upload has", `${count} articles`, "maxArticlesPerUpload", l.maxArticlesPerUpload),
    });
  }
  return result;
}
