import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { DEFAULT_IMPORT_LIMITS, limitReason, type ImportedArticle, type ImportError, type ParseResult } from "@/lib/formats";
import { normaliseText } from "@/lib/formats/text";
import { documentInput, type DocumentInput } from "@/lib/validation/projects";
import { describeZodError } from "@/lib/validation/zod-error";
import { uploadParser } from "@/server/parse-upload";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, pastedTextInput, uploadTooLargeMessage, type PastedTextInput } from "@/lib/validation/imports";

/**
 * What an import reads: the upload checked (limits, names) before a job exists, then parsed into
 * one entry per file (zip entries are files of their own) with every rejected record listed.
 * No database: server/imports.ts stores the result.
 */

const PASTED_NAME = "pasted-text.txt";

/** 413: the upload is over MAX_UPLOAD_BYTES. */
export class UploadTooLargeError extends AppError {
  constructor(bytes: number, partial = false) {
    super(uploadTooLargeMessage(bytes, partial), 413, "too_large");
  }
}

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}
/** Files of one upload, or one pasted article. */
export type ImportSource = UploadFile[] | PastedTextInput;

export interface ParsedFile {
  name: string;
  articles: ImportedArticle[];
  errors: ImportError[];
}
/** Checked uploads still to parse, or pasted text already turned into an article. */
export type JobSource = { uploads: UploadFile[] } | { parsed: ParsedFile[] };

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const uploadFiles = z
  .array(
    z.object({
      name: z
        .string()
        .trim()
        .min(1, { message: "every file needs a name" })
        .max(255, { message: "file name is longer than 255 characters" }),
      bytes: z.instanceof(Uint8Array),
    }),
  )
  .min(1, { message: "Choose at least one file" })
  .max(MAX_UPLOAD_FILES, {
    message: `An upload holds at most ${MAX_UPLOAD_FILES.toLocaleString("en")} files; put them in a zip or split the upload`,
  });

/** ImportedArticle (lib/formats) → DocumentInput (server/documents.ts); imported labels are not stored yet. */
export function toDocumentInput(a: ImportedArticle): DocumentInput {
  return {
    title: a.title,
    text: a.text,
    url: a.url,
    outlet: a.outlet,
    story: a.story,
    author: a.author,
    publishedAt: a.publishedAt,
    language: a.language,
    externalId: a.externalId,
  };
}

/** Records the parsers accept but the database would refuse (e.g. a 600-character title) reject their file, with line numbers. */
function rejectInvalidRecords(file: ParsedFile): ParsedFile {
  for (const a of file.articles) {
    const r = documentInput.safeParse(toDocumentInput(a));
    if (!r.success) {
      file.errors.push({
        file: a.source.file,
        ...(a.source.line !== undefined ? { line: a.source.line } : {}),
        reason: describeZodError(r.error),
      });
    }
  }
  if (file.errors.length) file.articles = [];
  return file;
}

/**
 * The file with its one article titled `title` (`document:add --title`); a file holding several
 * articles is rejected, since one title cannot name them all. The title is checked with the
 * article when it is stored.
 */
export function retitled(file: ParsedFile, title: string): ParsedFile {
  if (file.errors.length || file.articles.length <= 1) return { ...file, articles: file.articles.map((a) => ({ ...a, title })) };
  return {
    ...file,
    articles: [],
    errors: [
      {
        file: file.name,
        reason: `--title names one document, but the file holds ${file.articles.length} articles; import it without --title`,
      },
    ],
  };
}

/** Same name twice in one upload (two folders): "a.csv", "a (2).csv", so the report tells them apart. */
function uniqueNames(files: UploadFile[]): UploadFile[] {
  const seen = new Set<string>();
  return files.map((f) => {
    const base = f.name.split(/[\\/]/).pop() || "file";
    const dot = base.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ""];
    let name = base;
    for (let i = 2; seen.has(name); i++) name = `${stem} (${i})${ext}`;
    seen.add(name);
    return { name, bytes: f.bytes };
  });
}

/** Checks an upload or pasted text before any job exists: 413 over MAX_UPLOAD_BYTES, 422 for no files or empty text. */
export function prepareSource(source: ImportSource): JobSource {
  if (Array.isArray(source)) {
    const bytes = source.reduce((n, f) => n + (f.bytes?.length ?? 0), 0);
    if (bytes > MAX_UPLOAD_BYTES) throw new UploadTooLargeError(bytes);
    return { uploads: uniqueNames(parseInput(uploadFiles, source)) };
  }
  const { title, text } = parseInput(pastedTextInput, source);
  // Without a title the text goes through the .txt parser, which takes a headline line as the title.
  if (!title) return { uploads: [{ name: PASTED_NAME, bytes: new TextEncoder().encode(text) }] };
  const article: ImportedArticle = { title, text: normaliseText(text).text, source: { file: PASTED_NAME } };
  return { parsed: [rejectInvalidRecords({ name: PASTED_NAME, articles: [article], errors: [] })] };
}

/** One parsed upload file as entries per file (a zip's entries are files of their own). */
function splitByFile(uploadName: string, result: ParseResult): ParsedFile[] {
  const byName = new Map<string, ParsedFile>();
  const entry = (name: string) => {
    let f = byName.get(name);
    if (!f) byName.set(name, (f = { name, articles: [], errors: [] }));
    return f;
  };
  for (const a of result.articles) entry(a.source.file).articles.push(a);
  for (const e of result.errors) entry(e.file).errors.push(e);
  if (byName.size === 0) entry(uploadName);
  return [...byName.values()];
}

/** Parses every upload (in a worker thread, so the server keeps answering) into one entry per file; zip entries are files of their own. */
export async function readUploads(uploads: UploadFile[]): Promise<ParsedFile[]> {
  const files: ParsedFile[] = [];
  for (const upload of uploads) files.push(...splitByFile(upload.name, await uploadParser().parse(upload)));
  const count = files.reduce((n, f) => n + f.articles.length, 0);
  const max = DEFAULT_IMPORT_LIMITS.maxArticlesPerUpload;
  if (count > max) {
    const reason = `${limitReason("upload has", `${count} articles`, "maxArticlesPerUpload", max)}; split it into smaller uploads`;
    for (const f of files) {
      if (f.articles.length) f.errors.push({ file: f.name, reason });
      f.articles = [];
    }
  }
  return files.map(rejectInvalidRecords);
}
