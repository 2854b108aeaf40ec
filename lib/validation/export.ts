/** Export options: one schema for the API's query string, the export page and the CLI. */
import { z } from "zod";
import { EXPORT_FORMATS } from "@/lib/export/types";
import { DATASET_LICENSES } from "@/lib/export/card";
import { parseIsoDate } from "@/lib/formats/text";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "2024-03-05" or a full ISO 8601 time → ISO UTC; a date-only `to` means the end of that day (exclusive next midnight). */
function isoBound(end: boolean) {
  return z
    .string()
    .trim()
    .transform((v, ctx) => {
      const iso = parseIsoDate(v);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: `"${v}" is not a date (use YYYY-MM-DD or an ISO 8601 time)` });
        return z.NEVER;
      }
      return end && DATE_ONLY.test(v) ? new Date(Date.parse(iso) + 86_400_000).toISOString() : iso;
    });
}

const exportFiltersInput = z
  .object({
    /** Only labels of annotators who marked the document done (documents nobody finished are left out). */
    doneOnly: z.boolean().default(false),
    /** User ids; absent = everybody. */
    annotators: z.array(z.string().trim().min(1).max(64)).max(1000).optional(),
    /** An annotator's sentence is kept when its last change lies in [from, to). */
    from: isoBound(false).optional(),
    to: isoBound(true).optional(),
    /** Only sentences with gold labels. */
    goldOnly: z.boolean().default(false),
    includeBoilerplate: z.boolean().default(false),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, {
    message: "from: the start of the date range must be before its end",
    path: ["from"],
  });

export const exportOptionsInput = z.object({
  format: z.enum(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(", ")}` }),
  filters: exportFiltersInput.default({ doneOnly: false, goldOnly: false, includeBoilerplate: false }),
  license: z.enum(DATASET_LICENSES, { message: `must be one of ${DATASET_LICENSES.join(", ")}` }).default("cc-by-4.0"),
  /** Real emails beside the pseudonyms: managers only. */
  includeEmails: z.boolean().default(false),
  /** UTF-8 byte order mark for CSV (Excel). */
  bom: z.boolean().default(false),
  /** CSV for spreadsheet software: cells starting with = + - @ get a leading ' (the text no longer matches the offsets). */
  forSpreadsheets: z.boolean().default(false),
});
export type ExportOptionsInput = z.input<typeof exportOptionsInput>;
export type ExportOptions = z.output<typeof exportOptionsInput>;

const flag = (v: string | null) => v === "1" || v === "true" || v === "yes";

/**
 * The export options of a query string: `format`, `done_only`, `annotators` (comma-separated user
 * ids), `from`, `to`, `gold_only`, `include_boilerplate`, `license`, `emails`, `bom`, `for_spreadsheets`. Not validated:
 * pass the result to exportOptionsInput (the services do).
 */
export function exportOptionsFromQuery(q: URLSearchParams): ExportOptionsInput {
  const annotators = q.get("annotators");
  return {
    format: (q.get("format") ?? "jsonl") as ExportOptionsInput["format"],
    filters: {
      doneOnly: flag(q.get("done_only")),
      annotators: annotators
        ? annotators
            .split(",")
            .map((a) => a.trim())
            .filter(Boolean)
        : undefined,
      from: q.get("from") || undefined,
      to: q.get("to") || undefined,
      goldOnly: flag(q.get("gold_only")),
      includeBoilerplate: flag(q.get("include_boilerplate")),
    },
    license: (q.get("license") ?? undefined) as ExportOptionsInput["license"],
    includeEmails: flag(q.get("emails")),
    bom: flag(q.get("bom")),
    forSpreadsheets: flag(q.get("for_spreadsheets")),
  };
}

/** The inverse of exportOptionsFromQuery, for links and the export page. */
export function exportQuery(o: ExportOptionsInput): string {
  const q = new URLSearchParams({ format: o.format });
  const f = o.filters ?? {};
  if (f.doneOnly) q.set("done_only", "1");
  if (f.annotators?.length) q.set("annotators", f.annotators.join(","));
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  if (f.goldOnly) q.set("gold_only", "1");
  if (f.includeBoilerplate) q.set("include_boilerplate", "1");
  if (o.license) q.set("license", o.license);
  if (o.includeEmails) q.set("emails", "1");
  if (o.bom) q.set("bom", "1");
  if (o.forSpreadsheets) q.set("for_spreadsheets", "1");
  return q.toString();
}
