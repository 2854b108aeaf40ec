/**
 * Imports: the inputs (zod), limits and report shapes shared by the import page, the REST API,
 * the service (server/imports.ts) and the CLI. No framework, no database.
 */
import { z } from "zod";
// lib/formats/types, not lib/formats: the index pulls in the parsers (jsdom), which the browser must not load.
import { DEFAULT_IMPORT_LIMITS, type ImportError } from "@/lib/formats/types";

export type { ImportError } from "@/lib/formats/types";

/** Largest upload, all files together, in bytes (the parsers' per-file limit: one upload, one big file). */
export const MAX_UPLOAD_BYTES = DEFAULT_IMPORT_LIMITS.maxFileBytes;
/** Most files in one upload (as many as one zip archive may hold). */
export const MAX_UPLOAD_FILES = DEFAULT_IMPORT_LIMITS.maxZipEntries;
/** Longest pasted (or imported) article, in characters. */
export const MAX_ARTICLE_CHARS = DEFAULT_IMPORT_LIMITS.maxArticleChars;
/** The `accept` attribute of the file picker, and the list people are told about. */
export const IMPORT_EXTENSIONS = [".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv", ".zip"] as const;
export const IMPORT_ACCEPT = IMPORT_EXTENSIONS.join(",");

/** "52.4 MB": sizes in messages, decimal megabytes as file managers show them. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** `partial`: the size is how much was read when reading stopped (a body sent without Content-Length). */
export function uploadTooLargeMessage(bytes: number, partial = false): string {
  const size = partial
    ? `over the limit of ${formatBytes(MAX_UPLOAD_BYTES)} per upload (reading stopped after ${formatBytes(bytes)})`
    : `${formatBytes(bytes)}, over the limit of ${formatBytes(MAX_UPLOAD_BYTES)} per upload`;
  return `The upload is ${size}. Split it into smaller uploads.`;
}

/** Pasted text: one article. Without a title, a first line followed by a blank line becomes the title. */
export const pastedTextInput = z.object({
  title: z
    .string()
    .trim()
    .max(500, { message: "Title is longer than 500 characters" })
    .optional()
    .transform((t) => t || undefined),
  text: z
    .string()
    .refine((t) => t.trim().length > 0, { message: "Paste the article text" })
    .refine((t) => t.length <= MAX_ARTICLE_CHARS, {
      message: `The text is longer than ${MAX_ARTICLE_CHARS.toLocaleString("en")} characters, the limit for one article`,
    }),
});
export type PastedTextInput = z.input<typeof pastedTextInput>;

export const IMPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One file of the upload (a zip entry is a file of its own: `archive.zip/inner.csv`). */
export interface ImportFileReport {
  name: string;
  imported: number;
  /** Articles whose exact text is already in the project (or earlier in the upload): skipped. */
  duplicates: number;
  /** A rejected file contributes nothing: every one of its errors is listed. */
  rejected: boolean;
  /** Labels the file carried (doccano, Label Studio): counted, not stored yet. */
  labelsNotImported: number;
  errors: ImportError[];
}

export interface ImportReport {
  files: ImportFileReport[];
  imported: number;
  duplicates: number;
  rejectedFiles: number;
  labelsNotImported: number;
}

export interface ImportJobView {
  id: string;
  projectId: string;
  status: ImportStatus;
  /** Articles to store (those of the files that parsed without errors); 0 until the files are read. */
  total: number;
  processed: number;
  /** Filled in as files are stored; complete when status is "done". */
  report: ImportReport | null;
  /** Why a failed job stopped, e.g. "interrupted; retry the import". */
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export const emptyImportReport = (): ImportReport => ({ files: [], imported: 0, duplicates: 0, rejectedFiles: 0, labelsNotImported: 0 });

const plural = (n: number, one: string) => `${n.toLocaleString("en")} ${one}${n === 1 ? "" : "s"}`;

/** "3 imported · 1 duplicate skipped · 1 file rejected": the page, the recent imports and the CLI say the same. */
export function importSummary(r: ImportReport): string {
  return [
    `${r.imported.toLocaleString("en")} imported`,
    `${plural(r.duplicates, "duplicate")} skipped`,
    `${plural(r.rejectedFiles, "file")} rejected`,
  ].join(" · ");
}

/** The sentence shown wherever labels were found in imported files. */
export function labelsNotImportedNote(n: number): string {
  return `${n.toLocaleString("en")} label${n === 1 ? "" : "s"} in the files ${n === 1 ? "was" : "were"} not imported: importing labels (mapping them to the project's label schema) is not supported yet. The articles were imported without them.`;
}
