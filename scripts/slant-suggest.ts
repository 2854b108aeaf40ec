// The CLI's suggest command (dispatched from scripts/slant.ts; no database, no configuration):
//   suggest FILE... [--targets "A,B"] [--json]
// segments each article and prints one JSON line per segment with its kind and the suggested
// labels (offsets in Unicode code points, like the exports); --json prints one JSON document.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { codePointOffsets } from "@/lib/export/offsets";
import { segmentText } from "@/lib/segment";
import { suggestForDocument } from "@/lib/suggest";

export const SUGGEST_HELP = `  suggest FILE... [--targets "A,B"] [--json]
                    segments .txt/.md (as written, headline included) or .html/.json/.jsonl/.csv/.zip
                    (through the import parsers) and prints each segment's kind and suggested labels
                    as JSON lines (offsets in code points); no database needed`;

export class SuggestUsageError extends Error {}

interface Article {
  file: string;
  title: string | null;
  text: string;
  language?: string;
}

function readArticles(file: string): Article[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new SuggestUsageError(`${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".txt" || ext === ".md") return [{ file, title: null, text: new TextDecoder("utf-8", { fatal: false }).decode(bytes) }];
  // The import parsers (jsdom for HTML) are loaded only when needed: `require` runs under tsx's
  // hook (scripts/run.mjs) that resolves "@/…".
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseImportFile, formatImportError } = require("@/lib/formats") as typeof import("@/lib/formats");
  const r = parseImportFile(path.basename(file), bytes);
  if (r.errors.length) throw new SuggestUsageError(r.errors.map(formatImportError).join("\n"));
  return r.articles.map((a) => ({ file, title: a.title, text: a.text, language: a.language }));
}

/** One record per segment: what `slant suggest` prints. */
export function suggestRecords(article: Article, targets: readonly string[]): Record<string, unknown>[] {
  const { text } = article;
  const segments = segmentText(text, { language: article.language });
  const suggestions = suggestForDocument(text, segments, { targets });
  const cp = codePointOffsets(text);
  return segments.map((seg, i) => {
    const s = suggestions[i]!;
    const base = cp(seg.start);
    const rel = (utf16: number) => cp(seg.start + utf16) - base;
    const span = (x: { value: string; start: number; end: number; rule: string; confidence: number } | null) =>
      x && {
        value: x.value,
        start: x.start < 0 ? null : rel(x.start),
        end: x.end < 0 ? null : rel(x.end),
        rule: x.rule,
        confidence: x.confidence,
      };
    return {
      file: article.file,
      ...(article.title ? { title: article.title } : {}),
      index: i,
      start: base,
      end: cp(seg.end),
      kind: seg.kind,
      ...(seg.boilerplateReason ? { boilerplateReason: seg.boilerplateReason } : {}),
      text: text.slice(seg.start, seg.end),
      sourcing: s.sourcing,
      quotes: s.quotes.map(([a, b]) => [rel(a), rel(b)]),
      cue: span(s.cue),
      speaker: span(s.speaker),
      speakerCanonical: s.speakerCanonical,
      sourceType: s.sourceType,
      sourceSide: s.sourceSide,
    };
  });
}

/** `suggest FILE...`: returns the exit code. */
export function suggestCommand(args: string[], write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { targets: { type: "string" }, json: { type: "boolean" } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new SuggestUsageError((e as Error).message);
  }
  const files = parsed.positionals;
  if (files.length === 0) throw new SuggestUsageError("suggest: name one or more files");
  const targets = (parsed.values.targets ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const records = files.flatMap(readArticles).flatMap((a) => suggestRecords(a, targets));
  if (parsed.values.json) write(JSON.stringify(records, null, 2));
  else for (const r of records) write(JSON.stringify(r));
  return 0;
}
