"use client";

export type Download =
  | { kind: "idle" }
  | { kind: "running"; bytes: number }
  | { kind: "done"; url: string; name: string; bytes: number }
  | { kind: "error"; message: string };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Bytes received while the export streams in, then a link to the finished file. */
export function DownloadProgress({ state }: { state: Download }) {
  if (state.kind === "idle") return null;
  if (state.kind === "error") {
    return (
      <p role="alert" className="text-sm text-red-800 dark:text-red-300">
        ⚠ The export failed: {state.message}
      </p>
    );
  }
  if (state.kind === "running") {
    return (
      <p role="status" className="text-sm tabular-nums" data-testid="export-progress">
        Received {formatBytes(state.bytes)}…
      </p>
    );
  }
  return (
    <p role="status" className="text-sm" data-testid="export-done">
      ✓ {formatBytes(state.bytes)} ·{" "}
      <a href={state.url} download={state.name} className="font-medium underline">
        Save {state.name}
      </a>
    </p>
  );
}
