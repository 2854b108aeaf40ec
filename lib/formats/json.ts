/**
 * .jsonl (one record per line, blank lines ignored) and .json (an array of records, or one
 * record object). Records are parsed by the first accepting parser of RECORD_PARSERS.
 */
import type { RecordOutcome } from "./article";
import type { RecordParser } from "./record-common";
import { parseRecord, RECORD_PARSERS } from "./records";
import { decodeUtf8, DecodeError } from "./text";
import type { ImportedArticle, ImportError, ImportLimits, ParseResult } from "./types";

function decode(name: string, bytes: Uint8Array): string | ParseResult {
  try {
    return decodeUtf8(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return { articles: [], errors: [{ file: name, reason: e.message }] };
    throw e;
  }
}

/** V8's message without the "(line 1 column 20)" suffix newer versions add: we give the line ourselves. */
function jsonMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*\(line \d+ column \d+\)$/, "");
}

function collect(
  outcome: RecordOutcome,
  where: { file: string; line?: number; record?: number },
  articles: ImportedArticle[],
  errors: ImportError[],
) {
  const at = {
    file: where.file,
    ...(where.line !== undefined ? { line: where.line } : {}),
    ...(where.record !== undefined ? { record: where.record } : {}),
  };
  if (outcome.ok) {
    articles.push({ ...outcome.article, source: { file: at.file, ...(at.line !== undefined ? { line: at.line } : {}) } });
  } else {
    for (const e of outcome.errors) errors.push({ ...at, ...(e.field ? { field: e.field } : {}), reason: e.reason });
  }
}

function finish(articles: ImportedArticle[], errors: ImportError[]): ParseResult {
  return errors.length ? { articles: [], errors } : { articles, errors: [] };
}

export function parseJsonlFile(
  name: string,
  bytes: Uint8Array,
  limits: ImportLimits,
  parsers: readonly RecordParser[] = RECORD_PARSERS,
): ParseResult {
  const text = decode(name, bytes);
  if (typeof text !== "string") return text;
  const articles: ImportedArticle[] = [];
  const errors: ImportError[] = [];
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      errors.push({ file: name, line, reason: `invalid JSON (${jsonMessage(e)})` });
      return;
    }
    collect(parseRecord(value, limits, parsers), { file: name, line }, articles, errors);
  });
  if (!articles.length && !errors.length) errors.push({ file: name, reason: "file has no records" });
  return finish(articles, errors);
}

/** 1-based line of each top-level element of a (valid) JSON array, in order. */
export function arrayElementLines(src: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\n") line++;
    else if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c !== " " && c !== "\t" && c !== "\r") {
      if (depth === 1 && expecting && c !== "]") {
        lines.push(line);
        expecting = false;
      }
      if (c === '"') inString = true;
      else if (c === "[" || c === "{") expecting = ++depth === 1;
      else if (c === "]" || c === "}") depth--;
      else if (c === "," && depth === 1) expecting = true;
    }
  }
  return lines;
}

function lineAt(src: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < src.length; i++) if (src[i] === "\n") line++;
  return line;
}

export function parseJsonFile(
  name: string,
  bytes: Uint8Array,
  limits: ImportLimits,
  parsers: readonly RecordParser[] = RECORD_PARSERS,
): ParseResult {
  const text = decode(name, bytes);
  if (typeof text !== "string") return text;
  if (!text.trim()) return { articles: [], errors: [{ file: name, reason: "file has no records" }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = jsonMessage(e);
    const position = /at position (\d+)/.exec(message)?.[1];
    const line = position !== undefined ? lineAt(text, Number(position)) : undefined;
    return { articles: [], errors: [{ file: name, ...(line ? { line } : {}), reason: `invalid JSON (${message})` }] };
  }
  const articles: ImportedArticle[] = [];
  const errors: ImportError[] = [];
  if (Array.isArray(value)) {
    const lines = arrayElementLines(text);
    value.forEach((element, record) => {
      collect(parseRecord(element, limits, parsers), { file: name, line: lines[record], record }, articles, errors);
    });
    if (!value.length) errors.push({ file: name, reason: "file has no records" });
  } else if (value !== null && typeof value === "object") {
    collect(parseRecord(value, limits, parsers), { file: name, line: lineAt(text, text.search(/\S/)) }, articles, errors);
  } else {
    errors.push({ file: name, reason: "expected an array of records or one record object" });
  }
  return finish(articles, errors);
}
