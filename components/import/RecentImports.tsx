import { importSummary, type ImportJobView } from "@/lib/validation/imports";

const statusLabel = { queued: "Queued", running: "Running", done: "Done", failed: "Failed" } as const;

/** The project's latest imports (server-rendered; the page refreshes it when an import finishes). */
export function RecentImports({ jobs }: { jobs: ImportJobView[] }) {
  return (
    <section aria-labelledby="recent-imports-h">
      <h2 id="recent-imports-h" className="mb-2 text-lg font-semibold">
        Recent imports
      </h2>
      {jobs.length === 0 ? (
        <p className="card muted text-sm">No imports yet.</p>
      ) : (
        <ul className="card divide-y divide-stone-200 p-0 text-sm dark:divide-stone-700" aria-label="Recent imports">
          {jobs.map((j) => (
            <li key={j.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
              <time dateTime={j.createdAt} className="tabular-nums">
                {j.createdAt.slice(0, 16).replace("T", " ")} UTC
              </time>
              <span
                className={
                  j.status === "failed" ? "text-red-800 dark:text-red-300" : j.status === "done" ? "text-green-800 dark:text-green-300" : ""
                }
              >
                {statusLabel[j.status]}
              </span>
              <span className="muted flex-1">
                {j.report ? importSummary(j.report) : j.total ? `${j.processed} of ${j.total} articles` : ""}
                {j.error ? ` — ${j.error}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
