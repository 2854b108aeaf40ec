// The CLI's export commands (dispatched from scripts/slant.ts), acting as the system (admin):
//   export --project ID|SLUG --format F [--out FILE] [filters…]   the file on stdout, or in FILE; progress on stderr
//   import:slant --project ID|SLUG FILE                             a Slant JSONL export with every annotator's labels
import { createWriteStream, readFileSync, renameSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { findUserIdByEmail } from "@/server/users";
import { streamExport } from "@/server/export";
import { importSlantJsonl } from "@/server/import-slant";
import { EXPORT_FORMATS } from "@/lib/export/types";
import { DATASET_LICENSES } from "@/lib/export/card";
import type { ExportOptionsInput } from "@/lib/validation/export";

export const EXPORT_HELP = `  export --project ID|SLUG --format ${EXPORT_FORMATS.join("|")} [--out FILE]
         [--done-only] [--gold-only] [--include-boilerplate] [--annotators ID|EMAIL,…]
         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--license ${DATASET_LICENSES.slice(0, 3).join("|")}|…] [--emails] [--bom]
         [--for-spreadsheets]        CSV for Excel & co.: cells starting with = + - @ get a leading ' (changes
                                     the text, so offsets no longer match those cells; exact by default)
                                     stdout when no --out; progress on stderr
  import:slant --project ID|SLUG FILE   a Slant JSONL export (any format version), keeping every annotator's labels
                                     (as placeholder users); export with --include-boilerplate for an exact copy`;

class UsageError extends Error {}

const options = {
  project: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  "done-only": { type: "boolean" },
  "gold-only": { type: "boolean" },
  "include-boilerplate": { type: "boolean" },
  annotators: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  license: { type: "string" },
  emails: { type: "boolean" },
  bom: { type: "boolean" },
  "for-spreadsheets": { type: "boolean" },
  json: { type: "boolean" },
} as const;

async function write(out: Writable, chunk: Uint8Array) {
  if (!out.write(chunk)) await once(out, "drain");
}

function progress(total: number) {
  let shown = -1;
  let file = "";
  return (name: string, sentences: number) => {
    if (name !== file) {
      file = name;
      shown = -1;
    }
    const pct = total ? Math.min(100, Math.floor((100 * sentences) / total)) : 100;
    if (process.stderr.isTTY) process.stderr.write(`\rexporting ${name}: ${sentences}/${total} sentences (${pct}%)   `);
    else if (pct >= shown + 10) {
      shown = pct;
      process.stderr.write(`exporting ${name}: ${sentences}/${total} sentences\n`);
    }
  };
}

async function exportCommand(values: Record<string, string | boolean | undefined>) {
  const project = values.project;
  if (typeof project !== "string" || !project) throw new UsageError("--project is required");
  if (typeof values.format !== "string") throw new UsageError(`--format is required (${EXPORT_FORMATS.join(", ")})`);
  const annotators =
    typeof values.annotators === "string"
      ? values.annotators
          .split(",")
          .map((a) => a.trim())
          .filter(Boolean)
      : undefined;
  const opts: ExportOptionsInput = {
    format: values.format as ExportOptionsInput["format"],
    filters: {
      doneOnly: !!values["done-only"],
      goldOnly: !!values["gold-only"],
      includeBoilerplate: !!values["include-boilerplate"],
      annotators: annotators && (await Promise.all(annotators.map((a) => (a.includes("@") ? findUserIdByEmail(SYSTEM_ACTOR, a) : a)))),
      from: values.from as string | undefined,
      to: values.to as string | undefined,
    },
    license: values.license as ExportOptionsInput["license"],
    includeEmails: !!values.emails,
    bom: !!values.bom,
    forSpreadsheets: !!values["for-spreadsheets"],
  };
  // The sentence count for the progress bar comes with the export's plan (access, annotators),
  // made once; the bar moves as chunks are read, after the plan.
  const shown: { bar?: ReturnType<typeof progress> } = {};
  const file = await streamExport(SYSTEM_ACTOR, project, opts, { countSentences: true, onProgress: (name, n) => shown.bar?.(name, n) });
  shown.bar = progress(file.sentences ?? 0);
  process.stderr.write(`${file.sentences} sentences, ${file.annotators} annotators\n`);
  const target = typeof values.out === "string" ? values.out : null;
  const partial = target ? `${target}.partial` : null;
  const out: Writable = partial ? createWriteStream(partial) : process.stdout;
  let bytes = 0;
  try {
    for await (const chunk of file.chunks) {
      bytes += chunk.length;
      await write(out, chunk);
    }
    if (partial && target) {
      out.end();
      await once(out, "finish");
      renameSync(partial, target);
    }
  } catch (e) {
    if (partial) rmSync(partial, { force: true });
    throw e;
  }
  process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}wrote ${bytes} bytes${target ? ` to ${target}` : ""} (${file.filename})\n`);
}

async function importCommand(values: Record<string, string | boolean | undefined>, files: string[]) {
  if (typeof values.project !== "string" || !values.project) throw new UsageError("--project is required");
  if (files.length !== 1) throw new UsageError("import:slant: name one .jsonl file after the options");
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(files[0]!);
  } catch (e) {
    throw new UsageError(`${files[0]}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  const report = await importSlantJsonl(SYSTEM_ACTOR, values.project, bytes);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else
    console.log(
      `✓ format version ${report.formatVersions.join(", ")}${report.formatVersions.includes(1) ? " (text between sentences rebuilt as spaces)" : ""}: ${report.documents} documents (${report.duplicates} duplicates skipped), ${report.sentences} sentences, ${report.labels} labels, ${report.gold} gold labels, ${report.annotators.length} annotators as placeholder users`,
    );
}

/** Runs `export` or `import:slant`; returns the exit code. Expected service errors propagate to slant.ts. */
export async function exportCommands(command: "export" | "import:slant", argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: command === "import:slant", strict: true });
    if (command === "export") await exportCommand(values);
    else await importCommand(values, positionals);
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof TypeError && "code" in e)) throw e;
    console.error(`slant: ${e.message}\n\n${EXPORT_HELP}`);
    return 2;
  }
}
