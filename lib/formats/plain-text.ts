/** .txt and .md: one article per file, the body kept as written (markdown is not rendered). */
import { assembleArticle } from "./article";
import { decodeUtf8, DecodeError, normaliseText } from "./text";
import type { ImportLimits, ParseResult } from "./types";

const MAX_TITLE_LINE = 200;

/**
 * Splits off a title line: the first line is the title when it is at most 200 characters, does
 * not end with a period and is followed by a blank line (and some body text follows).
 */
export function splitTitle(text: string, markdown: boolean): { title?: string; body: string } {
  const m = /^([^\n]*)\n[ \t]*\n/.exec(text);
  const line = m?.[1]?.trim();
  if (!m || !line || line.length > MAX_TITLE_LINE || line.endsWith(".")) return { body: text };
  const body = text.slice(m[0].length);
  if (!body.trim()) return { body: text };
  const title = markdown
    ? line
        .replace(/^#{1,6}\s+/, "")
        .replace(/\s+#+$/, "")
        .trim()
    : line;
  return title ? { title, body } : { body: text };
}

export function parsePlainTextFile(name: string, bytes: Uint8Array, limits: ImportLimits, markdown: boolean): ParseResult {
  let decoded: string;
  try {
    decoded = decodeUtf8(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return { articles: [], errors: [{ file: name, reason: e.message }] };
    throw e;
  }
  const normalised = normaliseText(decoded).text;
  if (!normalised.trim()) return { articles: [], errors: [{ file: name, reason: "file has no text" }] };
  const { title, body } = splitTitle(normalised, markdown);
  const outcome = assembleArticle({ text: { value: body, field: "text" }, title: { value: title, field: "title" } }, limits);
  if (!outcome.ok) return { articles: [], errors: outcome.errors.map((e) => ({ file: name, reason: e.reason })) };
  return { articles: [{ ...outcome.article, source: { file: name } }], errors: [] };
}
