"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import {
  formatBytes,
  IMPORT_ACCEPT,
  IMPORT_EXTENSIONS,
  MAX_ARTICLE_CHARS,
  MAX_UPLOAD_BYTES,
  uploadTooLargeMessage,
  importSummary,
  type ImportJobView,
} from "@/lib/validation/imports";
import { ImportProgressBar, ImportReportView } from "./ImportReport";

const POLL_MS = 500;
const MAX_POLL_FAILURES = 10;

type Phase =
  { kind: "idle" } | { kind: "uploading" } | { kind: "job"; job: ImportJobView } | { kind: "error"; message: string; job?: ImportJobView };

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: fall through to the status
  }
  return `The server answered ${res.status} ${res.statusText}`.trim();
}

const finished = (job: ImportJobView) => job.status === "done" || job.status === "failed";

/** Paste box and file picker; posts to the imports API, then follows the job to its report. */
export function ImportForm({ projectRef, projectHref }: { projectRef: string; projectHref: string }) {
  const router = useRouter();
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [formError, setFormError] = useState<{ form: "files" | "paste"; message: string } | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const fileInput = useRef<HTMLInputElement>(null);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  const api = `/api/v1/projects/${encodeURIComponent(projectRef)}/imports`;

  const job = phase.kind === "job" || phase.kind === "error" ? phase.job : undefined;
  const busy = phase.kind === "uploading" || (phase.kind === "job" && !finished(phase.job));
  const totalBytes = files.reduce((n, f) => n + f.size, 0);

  // Follow a running job: one request every POLL_MS until it is done or failed.
  const jobId = phase.kind === "job" && !finished(phase.job) ? phase.job.id : null;
  useEffect(() => {
    if (!jobId) return;
    let cancelled = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`${api}/${encodeURIComponent(jobId)}`, { cache: "no-store" });
        if (!res.ok) throw new Error(await errorMessage(res));
        const next = ((await res.json()) as { job: ImportJobView }).job;
        if (cancelled) return;
        failures = 0;
        setPhase({ kind: "job", job: next });
        if (finished(next)) {
          router.refresh();
          return;
        }
      } catch (e) {
        if (cancelled) return;
        if (++failures >= MAX_POLL_FAILURES) {
          setPhase((p) => ({
            kind: "error",
            message: `Lost contact with the server (${e instanceof Error ? e.message : String(e)}). The import goes on in the background; reload the page to see it under Recent imports.`,
            job: p.kind === "job" ? p.job : undefined,
          }));
          return;
        }
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [jobId, api, router]);

  // Move focus to the status when an import starts, so keyboard and screen-reader users follow it.
  const started = phase.kind === "uploading";
  useEffect(() => {
    if (started) statusHeading.current?.focus();
  }, [started]);

  async function submit(init: RequestInit) {
    setFormError(null);
    setPhase({ kind: "uploading" });
    try {
      const res = await fetch(api, { method: "POST", ...init });
      if (res.status !== 202) {
        setPhase({ kind: "error", message: await errorMessage(res) });
        return;
      }
      setPhase({ kind: "job", job: ((await res.json()) as { job: ImportJobView }).job });
    } catch (e) {
      setPhase({
        kind: "error",
        message: `Could not reach the server (${e instanceof Error ? e.message : String(e)}). Check the connection and try again.`,
      });
    }
  }

  function submitFiles(e: React.FormEvent) {
    e.preventDefault();
    if (files.length === 0) return setFormError({ form: "files", message: "Choose at least one file." });
    if (totalBytes > MAX_UPLOAD_BYTES) return setFormError({ form: "files", message: uploadTooLargeMessage(totalBytes) });
    const body = new FormData();
    for (const f of files) body.append("files", f, f.name);
    void submit({ body });
  }

  function submitText(e: React.FormEvent) {
    e.preventDefault();
    if (!text.trim()) return setFormError({ form: "paste", message: "Paste the article text." });
    if (text.length > MAX_ARTICLE_CHARS)
      return setFormError({
        form: "paste",
        message: `The text is longer than ${MAX_ARTICLE_CHARS.toLocaleString("en")} characters, the limit for one article.`,
      });
    void submit({ headers: { "content-type": "application/json" }, body: JSON.stringify({ title: title.trim() || undefined, text }) });
  }

  function reset() {
    setPhase({ kind: "idle" });
    setFiles([]);
    setTitle("");
    setText("");
    if (fileInput.current) fileInput.current.value = "";
  }

  const filesError = formError?.form === "files" ? formError.message : null;
  const pasteError = formError?.form === "paste" ? formError.message : null;

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <form onSubmit={submitFiles} className="card space-y-3" aria-labelledby={`${id}-files-h`} noValidate>
          <h2 id={`${id}-files-h`} className="text-lg font-semibold">
            Upload files
          </h2>
          <div
            onDragOver={(e) => {
              e.preventDefault();
              if (!busy) setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              if (!busy && e.dataTransfer.files.length) setFiles(Array.from(e.dataTransfer.files));
            }}
            className={`space-y-2 rounded-md border-2 border-dashed p-4 ${dragging ? "border-blue-700 bg-blue-50 dark:bg-blue-950" : "border-stone-300 dark:border-stone-600"}`}
          >
            <label className="label" htmlFor={`${id}-files`}>
              Files
            </label>
            <input
              id={`${id}-files`}
              ref={fileInput}
              type="file"
              multiple
              accept={IMPORT_ACCEPT}
              aria-describedby={`${id}-files-hint${filesError ? ` ${id}-files-error` : ""}`}
              disabled={busy}
              onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))}
              className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-stone-600 dark:file:bg-stone-800 dark:file:text-stone-100"
            />
            <p id={`${id}-files-hint`} className="muted text-xs">
              Choose or drop files: {IMPORT_EXTENSIONS.join(", ")}; one or many, up to {formatBytes(MAX_UPLOAD_BYTES)} in all and 10,000
              articles. CSV needs a <code>text</code> column, JSON/JSONL records a <code>text</code> field. A file with any error is not
              imported at all; the report lists every error.
            </p>
          </div>
          {files.length > 0 && (
            <ul className="text-sm" aria-label="Chosen files">
              {files.map((f, i) => (
                <li key={`${f.name}-${i}`} className="flex justify-between gap-2">
                  <span className="break-all">{f.name}</span>
                  <span className="muted tabular-nums">{formatBytes(f.size)}</span>
                </li>
              ))}
              {files.length > 1 && (
                <li className="muted flex justify-between border-t border-stone-200 pt-1 dark:border-stone-700">
                  <span>{files.length} files</span>
                  <span className="tabular-nums">{formatBytes(totalBytes)}</span>
                </li>
              )}
            </ul>
          )}
          {filesError && (
            <p id={`${id}-files-error`} role="alert" className="text-sm text-red-800 dark:text-red-300">
              ⚠ {filesError}
            </p>
          )}
          <button className="btn-primary" disabled={busy}>
            Import files
          </button>
        </form>

        <form onSubmit={submitText} className="card space-y-3" aria-labelledby={`${id}-paste-h`} noValidate>
          <h2 id={`${id}-paste-h`} className="text-lg font-semibold">
            Paste text
          </h2>
          <div>
            <label className="label" htmlFor={`${id}-title`}>
              Title <span className="muted font-normal">(optional)</span>
            </label>
            <input
              id={`${id}-title`}
              className="input"
              value={title}
              maxLength={500}
              disabled={busy}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div>
            <label className="label" htmlFor={`${id}-text`}>
              Article text
            </label>
            <textarea
              id={`${id}-text`}
              className="input min-h-48 font-serif"
              value={text}
              disabled={busy}
              aria-describedby={`${id}-text-hint${pasteError ? ` ${id}-paste-error` : ""}`}
              onChange={(e) => setText(e.target.value)}
            />
            <p id={`${id}-text-hint`} className="muted mt-1 text-xs">
              One article. Without a title, a first line followed by a blank line becomes the title. {text.length.toLocaleString("en")} /{" "}
              {MAX_ARTICLE_CHARS.toLocaleString("en")} characters.
            </p>
          </div>
          {pasteError && (
            <p id={`${id}-paste-error`} role="alert" className="text-sm text-red-800 dark:text-red-300">
              ⚠ {pasteError}
            </p>
          )}
          <button className="btn-primary" disabled={busy}>
            Import text
          </button>
        </form>
      </div>

      <section aria-labelledby={`${id}-status-h`} className={phase.kind === "idle" ? "sr-only" : "card space-y-4"}>
        <h2 id={`${id}-status-h`} ref={statusHeading} tabIndex={-1} className="text-lg font-semibold">
          {phase.kind === "idle"
            ? "No import yet"
            : phase.kind === "uploading"
              ? "Uploading…"
              : job && finished(job)
                ? job.status === "done"
                  ? "Import finished"
                  : "Import failed"
                : "Importing…"}
        </h2>
        <div aria-live="polite" className="sr-only">
          {phase.kind === "uploading"
            ? "Uploading"
            : job?.status === "done" && job.report
              ? `Import finished: ${importSummary(job.report)}`
              : job?.status === "failed"
                ? "Import failed"
                : ""}
        </div>
        {phase.kind === "uploading" && <p className="muted text-sm">Sending the files to the server…</p>}
        {job && <ImportProgressBar job={job} />}
        {job?.status === "failed" && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            ⚠ Import {job.error ?? "failed"}.
          </p>
        )}
        {phase.kind === "error" && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            ⚠ {phase.message}
          </p>
        )}
        {job?.report && (job.status === "done" || job.status === "failed") && <ImportReportView report={job.report} />}
        {(phase.kind === "error" || (job && finished(job))) && (
          <div className="flex gap-2">
            <button type="button" className="btn" onClick={reset}>
              Import more
            </button>
            <Link href={projectHref} className="btn">
              Back to the project
            </Link>
          </div>
        )}
      </section>
    </div>
  );
}
