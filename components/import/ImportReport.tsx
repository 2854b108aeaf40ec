import type { ImportError, ImportJobView, ImportReport } from "@/lib/validation/imports";
import { importSummary, labelsNotImportedNote } from "@/lib/validation/imports";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function where(e: ImportError): string {
  if (e.line !== undefined) return String(e.line);
  if (e.record !== undefined) return `record ${e.record}`;
  return "—";
}

/** A job's progress bar: articles stored of the articles to store. */
export function ImportProgressBar({ job }: { job: ImportJobView }) {
  const reading = job.total === 0 && (job.status === "queued" || job.status === "running");
  const pct = job.total ? Math.round((100 * job.processed) / job.total) : job.status === "done" ? 100 : 0;
  const text =
    job.status === "queued"
      ? "Waiting for an earlier import to finish…"
      : reading
        ? "Reading the files…"
        : `${job.processed.toLocaleString("en")} of ${plural(job.total, "article")} stored`;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
        className="h-3 overflow-hidden rounded bg-stone-200 dark:bg-stone-700"
      >
        <div
          className={`h-full transition-[width] ${job.status === "failed" ? "bg-red-700" : "bg-blue-700"}`}
          style={{ width: `${pct}%` }}
        />
      </div>
      <p className="muted text-sm tabular-nums">{text}</p>
    </div>
  );
}

/** The final report: totals, one row per file, and every rejected record with its file and line. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const errors = report.files.flatMap((f) => f.errors);
  return (
    <div className="space-y-4">
      <p className="text-lg font-semibold" data-testid="import-summary">
        {importSummary(report)}
      </p>
      {report.labelsNotImported > 0 && (
        <p className="rounded-md border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {labelsNotImportedNote(report.labelsNotImported)}
        </p>
      )}
      {report.files.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left font-medium">Files</caption>
          <thead>
            <tr className="border-b border-stone-200 dark:border-stone-700">
              <th scope="col" className="py-1 pr-3">
                File
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                Imported
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                Duplicates
              </th>
              <th scope="col" className="py-1">
                Result
              </th>
            </tr>
          </thead>
          <tbody>
            {report.files.map((f, i) => (
              <tr key={`${f.name}-${i}`} className="border-b border-stone-100 dark:border-stone-800">
                <td className="py-1 pr-3 break-all">{f.name}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{f.imported}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{f.duplicates}</td>
                <td className="py-1">
                  {f.rejected ? (
                    <span className="text-red-800 dark:text-red-300">✗ Rejected ({plural(f.errors.length, "error")})</span>
                  ) : f.imported + f.duplicates === 0 ? (
                    <span className="muted">Nothing to import</span>
                  ) : (
                    <span className="text-green-800 dark:text-green-300">✓ Stored</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {errors.length > 0 && (
        <div>
          <p className="muted mb-1 text-sm">A rejected file contributes nothing: fix the lines below and import the file again.</p>
          <div className="max-h-96 overflow-auto">
            <table className="w-full text-left text-sm">
              <caption className="mb-1 text-left font-medium">Errors ({errors.length.toLocaleString("en")})</caption>
              <thead className="sticky top-0 bg-white dark:bg-stone-900">
                <tr className="border-b border-stone-200 dark:border-stone-700">
                  <th scope="col" className="py-1 pr-3">
                    File
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Line
                  </th>
                  <th scope="col" className="py-1">
                    Reason
                  </th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e, i) => (
                  <tr key={i} className="border-b border-stone-100 align-top dark:border-stone-800">
                    <td className="py-1 pr-3 break-all">{e.file}</td>
                    <td className="py-1 pr-3 tabular-nums">{where(e)}</td>
                    <td className="py-1">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
