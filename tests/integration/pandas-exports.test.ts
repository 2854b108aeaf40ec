/**
 * Writes the JSONL and both CSV exports of a small project, and the dataset package's
 * aggregated.jsonl and annotators.json, to a temporary folder and reads them
 * with pandas (tests/pandas/check_exports.py, Debian's python3-pandas). Skipped, and said so,
 * when /usr/bin/python3 or pandas is missing.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { useTestDatabase } from "../support/db";
import { pandasSkip, runPandas } from "../support/pandas";
import { buildExportFixture, collect, NOTE, OTHER_TEXT, TEXT, type ExportFixture } from "../support/export-fixture";
import { streamExport } from "@/server/export";
import type { ExportFormat, SentenceRecord } from "@/lib/export";

const missing = pandasSkip("pandas export checks");

useTestDatabase();

let f: ExportFixture;
let dir: string;
beforeAll(async () => {
  f = await buildExportFixture("p");
  dir = mkdtempSync(path.join(tmpdir(), "slant-pandas-"));
  return () => rmSync(dir, { recursive: true, force: true });
});

async function write(format: ExportFormat, name: string): Promise<string> {
  const file = await streamExport(f.manager, f.projectId, { format, filters: { includeBoilerplate: true } });
  const bytes = await collect(file.chunks);
  writeFileSync(path.join(dir, name), bytes);
  return new TextDecoder().decode(bytes);
}

describe("exports read by pandas", () => {
  it.skipIf(missing !== null)(`row counts and columns match${missing ? ` (SKIPPED: ${missing})` : ""}`, async () => {
    const records = (await write("jsonl", "sentences.jsonl"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as SentenceRecord);
    const [longHeader, ...longRows] = parseCsv(await write("csv-long", "sentences_long.csv")) as string[][];
    const [wideHeader] = parseCsv(await write("csv-wide", "sentences_wide.csv")) as string[][];
    const entries = records.flatMap((r) => r.annotations);
    // The package's model-based labels, beside the sentence files.
    const pkg = unzipSync(
      await collect((await streamExport(f.manager, f.projectId, { format: "package", filters: { includeBoilerplate: true } })).chunks),
    );
    for (const name of ["aggregated.jsonl", "annotators.json"]) writeFileSync(path.join(dir, name), pkg[name]!);
    const aggregated = new TextDecoder().decode(pkg["aggregated.jsonl"]).trim().split("\n");
    const annotators = JSON.parse(new TextDecoder().decode(pkg["annotators.json"])).annotators as unknown[];
    const valueAt = longHeader!.indexOf("value");
    const expected = {
      sentences: records.length,
      jsonl_columns: [
        "format_version",
        "project",
        "document",
        "sentence_index",
        "paragraph",
        "start",
        "end",
        "text",
        "whitespace_before",
        "whitespace_after",
        "is_boilerplate",
        "boilerplate_reason",
        "kind",
        "annotations",
        "gold",
        "majority",
        "suggestions",
      ],
      entries: entries.length,
      spans: entries.reduce((n, e) => n + ((e.labels.spans as unknown[] | null)?.length ?? 0), 0),
      stance_none: entries.reduce(
        (n, e) => n + Object.values((e.labels.stance as Record<string, string | null>) ?? {}).filter((v) => v === "none").length,
        0,
      ),
      long_rows: longRows.length,
      long_columns: longHeader,
      long_none: longRows.filter((r) => r[valueAt] === "none").length,
      wide_columns: wideHeader,
      note_cell: NOTE, // exact: CSV text is neutralised only "for spreadsheets"
      documents: { Karabakh: TEXT, Other: OTHER_TEXT },
      aggregated_lines: aggregated.length,
      aggregated_columns: Object.keys(JSON.parse(aggregated[0]!)),
      annotator_rows: annotators.length,
      time_ms_total: entries.reduce((n, e) => n + (e.time_ms ?? 0), 0),
      time_ms_entries: entries.filter((e) => e.time_ms !== null).length,
    };
    expect(expected.aggregated_columns).toEqual([
      "document_id",
      "sentence_index",
      "dimension",
      "target",
      "ratings",
      "gold",
      "majority",
      "mace_label",
      "mace_posterior",
      "dawid_skene_label",
      "dawid_skene_posterior",
    ]);
    expect(expected.aggregated_lines).toBeGreaterThan(10);
    expect(expected.spans).toBe(1);
    expect(expected.stance_none).toBe(3);
    expect([expected.time_ms_total, expected.time_ms_entries]).toEqual([6500, 2]);
    writeFileSync(path.join(dir, "expected.json"), JSON.stringify(expected));
    const r = runPandas("check_exports.py", dir);
    expect(r.stderr, r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/all checks passed/);
  });
});
