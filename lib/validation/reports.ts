import { z } from "zod";

/** Query of a report: who to fall back on where there is no gold and no majority; the download format. */
export const reportQuery = z.object({
  annotator: z
    .string()
    .trim()
    .max(64, { message: "annotator must be a user id" })
    .optional()
    .transform((s) => s || null),
  format: z.enum(["json", "csv"], { message: "format must be json or csv" }).default("json"),
});
export type ReportQuery = z.input<typeof reportQuery>;

const { annotator, format } = reportQuery.shape;

export const groupReportQuery = z.object({
  by: z.enum(["outlet", "story"], { message: "by must be outlet or story" }).default("outlet"),
  annotator,
  format,
});

export const storyComparisonQuery = z.object({
  story: z.string({ message: "story is required" }).trim().min(1, { message: "story is required" }).max(200),
  annotator,
  format,
});

/** The per-article download of a whole project: one row per article × source (csv), or one report per line (jsonl). */
export const articleReportsQuery = z.object({
  format: z.enum(["csv", "jsonl"], { message: "format must be csv or jsonl" }).default("csv"),
});
