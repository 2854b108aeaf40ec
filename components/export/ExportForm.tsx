"use client";

import { useEffect, useId, useRef, useState } from "react";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/types";
import { DATASET_LICENSES, type DatasetLicense } from "@/lib/export/card";
import { exportQuery, type ExportOptionsInput } from "@/lib/validation/export";
import { DownloadProgress, type Download } from "./DownloadProgress";

const FORMAT_LABELS: Record<ExportFormat, string> = {
  jsonl: "JSON Lines: one sentence per line (pandas, Hugging Face)",
  "csv-long": "CSV, long: one row per sentence × annotator × dimension",
  "csv-wide": "CSV, wide: one row per sentence",
  doccano: "doccano JSONL: span labels per document",
  labelstudio: "Label Studio JSON: tasks with one annotation per annotator",
  package: "Dataset package (.zip): every format, label schema, guidelines, agreement, dataset card",
};

interface Estimate {
  sentences: number;
  annotators: number;
  labels: number;
  sentenceAnnotatorPairs: number;
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return `The server answered ${res.status} ${res.statusText}`.trim();
}

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? fallback;
}

/** Format, filters and licence; the size before downloading; the download with its progress. */
export function ExportForm({
  projectRef,
  annotators,
  canExportEmails,
}: {
  projectRef: string;
  annotators: { id: string; label: string }[];
  canExportEmails: boolean;
}) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>("jsonl");
  const [doneOnly, setDoneOnly] = useState(false);
  const [goldOnly, setGoldOnly] = useState(false);
  const [includeBoilerplate, setIncludeBoilerplate] = useState(false);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [license, setLicense] = useState<DatasetLicense>("cc-by-4.0");
  const [includeEmails, setIncludeEmails] = useState(false);
  const [bom, setBom] = useState(false);
  const [forSpreadsheets, setForSpreadsheets] = useState(false);
  const [estimate, setEstimate] = useState<{ ok: true; value: Estimate } | { ok: false; message: string } | null>(null);
  const [download, setDownload] = useState<Download>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);

  const options: ExportOptionsInput = {
    format,
    filters: {
      doneOnly,
      goldOnly,
      includeBoilerplate,
      annotators: chosen.length ? chosen : undefined,
      from: from || undefined,
      to: to || undefined,
    },
    license,
    includeEmails,
    bom,
    forSpreadsheets,
  };
  const query = exportQuery(options);
  const api = `/api/v1/projects/${encodeURIComponent(projectRef)}/export`;

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`${api}/estimate?${query}`, { signal: ctrl.signal, cache: "no-store" });
        setEstimate(res.ok ? { ok: true, value: (await res.json()) as Estimate } : { ok: false, message: await errorMessage(res) });
      } catch (e) {
        if (!ctrl.signal.aborted) setEstimate({ ok: false, message: e instanceof Error ? e.message : String(e) });
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [api, query]);

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    const url = download.kind === "done" ? download.url : null;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [download]);

  async function start() {
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setDownload({ kind: "running", bytes: 0 });
    try {
      const res = await fetch(`${api}?${query}`, { signal: ctrl.signal, cache: "no-store" });
      if (!res.ok || !res.body) throw new Error(await errorMessage(res));
      const name = filenameOf(res, `export.${format}`);
      const reader = res.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value as Uint8Array<ArrayBuffer>);
        bytes += value.length;
        setDownload({ kind: "running", bytes });
      }
      const blob = new Blob(parts, { type: res.headers.get("content-type") ?? "application/octet-stream" });
      const url = URL.createObjectURL(blob);
      setDownload({ kind: "done", url, name, bytes });
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
    } catch (e) {
      if (ctrl.signal.aborted) setDownload({ kind: "idle" });
      else setDownload({ kind: "error", message: e instanceof Error ? e.message : String(e) });
    }
  }

  const busy = download.kind === "running";
  const toggle = (uid: string) => setChosen((c) => (c.includes(uid) ? c.filter((x) => x !== uid) : [...c, uid]));
  const csv = format === "csv-long" || format === "csv-wide";

  return (
    <form className="card max-w-3xl space-y-5" onSubmit={(e) => (e.preventDefault(), void start())} aria-describedby={`${id}-estimate`}>
      <fieldset>
        <legend className="label">Format</legend>
        <div className="space-y-1">
          {EXPORT_FORMATS.map((f) => (
            <div key={f} className="flex items-center gap-2 text-sm">
              <input type="radio" id={`${id}-f-${f}`} name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              <label htmlFor={`${id}-f-${f}`}>{FORMAT_LABELS[f]}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-1">
        <legend className="label">Filters</legend>
        {(
          [
            ["done", "Documents done only (labels of annotators who marked the document done)", doneOnly, setDoneOnly],
            ["gold", "Sentences with gold labels only", goldOnly, setGoldOnly],
            [
              "bp",
              "Include boilerplate sentences (captions, bylines…): needed to import the JSON Lines file into Slant again with the exact text",
              includeBoilerplate,
              setIncludeBoilerplate,
            ],
          ] as const
        ).map(([key, text, value, set]) => (
          <div key={key} className="flex items-center gap-2 text-sm">
            <input type="checkbox" id={`${id}-${key}`} checked={value} onChange={(e) => set(e.target.checked)} className="h-4 w-4" />
            <label htmlFor={`${id}-${key}`}>{text}</label>
          </div>
        ))}
        <div className="mt-2 flex flex-wrap gap-4">
          <div>
            <label className="label" htmlFor={`${id}-from`}>
              Labelled from
            </label>
            <input id={`${id}-from`} type="date" className="input" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div>
            <label className="label" htmlFor={`${id}-to`}>
              to (inclusive)
            </label>
            <input id={`${id}-to`} type="date" className="input" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
      </fieldset>

      {annotators.length > 0 && (
        <fieldset>
          <legend className="label">
            Annotators <span className="muted font-normal">(none ticked: everybody)</span>
          </legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {annotators.map((a) => (
              <div key={a.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  id={`${id}-a-${a.id}`}
                  checked={chosen.includes(a.id)}
                  onChange={() => toggle(a.id)}
                  className="h-4 w-4"
                />
                <label htmlFor={`${id}-a-${a.id}`}>{a.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
      )}

      <div className="flex flex-wrap gap-6">
        {format === "package" && (
          <div>
            <label className="label" htmlFor={`${id}-license`}>
              Licence (dataset card)
            </label>
            <select id={`${id}-license`} className="input" value={license} onChange={(e) => setLicense(e.target.value as DatasetLicense)}>
              {DATASET_LICENSES.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
        )}
        {csv && (
          <div className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" id={`${id}-bom`} checked={bom} onChange={(e) => setBom(e.target.checked)} className="h-4 w-4" />
            <label htmlFor={`${id}-bom`}>Byte order mark (for Excel)</label>
          </div>
        )}
        {csv && (
          <div className="w-full text-sm">
            <div className="flex items-center gap-2">
              <input
                type="checkbox"
                id={`${id}-sheets`}
                checked={forSpreadsheets}
                onChange={(e) => setForSpreadsheets(e.target.checked)}
                aria-describedby={`${id}-sheets-help`}
                className="h-4 w-4"
              />
              <label htmlFor={`${id}-sheets`}>For spreadsheets: keep cells starting with = + - @ from running as formulas</label>
            </div>
            <p id={`${id}-sheets-help`} className="muted ml-6 mt-1">
              Puts an apostrophe (&apos;) before every cell that starts with =, +, - or @, so Excel or LibreOffice shows it as text instead
              of running it. This changes the text of those cells, so their offsets and spans no longer match: leave it off for analysis in
              Python or R, where the text is kept exactly as annotated.
            </p>
          </div>
        )}
        {canExportEmails && (
          <div className="flex items-center gap-2 self-end text-sm">
            <input
              type="checkbox"
              id={`${id}-emails`}
              checked={includeEmails}
              onChange={(e) => setIncludeEmails(e.target.checked)}
              className="h-4 w-4"
            />
            <label htmlFor={`${id}-emails`}>Include annotators&apos; emails (not for publication)</label>
          </div>
        )}
      </div>

      <p id={`${id}-estimate`} className="text-sm" aria-live="polite">
        {estimate === null
          ? "Estimating…"
          : estimate.ok
            ? `${estimate.value.sentences.toLocaleString("en")} sentences × ${estimate.value.annotators} annotator${estimate.value.annotators === 1 ? "" : "s"} (${estimate.value.labels.toLocaleString("en")} labels)`
            : `⚠ ${estimate.message}`}
      </p>

      <div className="flex items-center gap-3">
        <button className="btn-primary" disabled={busy || (estimate !== null && !estimate.ok)}>
          {busy ? "Downloading…" : "Download"}
        </button>
        {busy && (
          <button type="button" className="btn" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        )}
      </div>
      <DownloadProgress state={download} />
    </form>
  );
}
