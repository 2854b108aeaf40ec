/** Text helpers shared by every format: decoding, normalisation, offsets, dates, languages, URLs. */

export class DecodeError extends Error {}

/** Strict UTF-8 decoding with the BOM stripped. Throws DecodeError with the documented reason. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new DecodeError("file is empty");
  if (bytes.includes(0)) throw new DecodeError("file is not UTF-8 text");
  try {
    // ignoreBOM: false (the default) strips a leading UTF-8 BOM.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DecodeError("file is not UTF-8 text");
  }
}

export interface NormalisedText {
  text: string;
  /** Maps a UTF-16 offset in the input to the matching offset in `text` (clamped to its bounds). */
  map(offset: number): number;
}

/**
 * The article text convention: "\r\n" and lone "\r" become "\n", leading blank lines and
 * trailing whitespace are removed. Everything else is kept as written. Offsets are mapped so
 * labels stay on the same characters.
 */
export function normaliseText(input: string): NormalisedText {
  const positions = new Int32Array(input.length + 1);
  let out = "";
  for (let i = 0; i < input.length; i++) {
    positions[i] = out.length;
    const ch = input[i];
    if (ch === "\r") {
      if (input[i + 1] !== "\n") out += "\n";
    } else {
      out += ch;
    }
  }
  positions[input.length] = out.length;
  const lead = /^(?:[ \t\f\v\u00a0]*\n)*/.exec(out)?.[0].length ?? 0;
  const text = out.slice(lead).trimEnd();
  return {
    text,
    map: (offset) => Math.min(Math.max((positions[offset] ?? out.length) - lead, 0), text.length),
  };
}

/** Number of Unicode code points in a string. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Table from code point offset to UTF-16 offset, of length codePointLength(text) + 1. */
export function codePointToUtf16Table(text: string): Uint32Array {
  const table = new Uint32Array(codePointLength(text) + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[cp++] = i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  table[cp] = text.length;
  return table;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:\s*(Z|z|[+-]\d{2}(?::?\d{2})?))?$/;

/**
 * Strict ISO 8601 (date, or date and time, optional offset; no offset means UTC) to ISO UTC.
 * Returns undefined for anything else, including impossible dates like 2023-02-30.
 */
export function parseIsoDate(value: string): string | undefined {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  let offsetMinutes = 0;
  const tz = m[8];
  if (tz && tz.toUpperCase() !== "Z") {
    const digits = tz.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = (tz.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

/** Lenient variant for metadata we did not write (HTML meta tags): ISO first, then Date.parse. */
export function parseLooseDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const iso = parseIsoDate(value);
  if (iso) return iso;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Canonical BCP 47 tag ("EN_us" -> "en-US"), or undefined when it is not one. */
export function normaliseLanguage(value: string): string | undefined {
  const tag = value.trim().replace(/_/g, "-");
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** An absolute http(s) URL, normalised; anything else (javascript:, relative, junk) is undefined. */
export function normaliseUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const TITLE_CHARS = 80;

/** A title for an article that has none: its first line, shortened to about 80 characters on a word boundary. */
export function deriveTitle(text: string): string {
  const first = (text.split("\n").find((l) => l.trim()) ?? "").replace(/\s+/g, " ").trim();
  const chars = Array.from(first);
  if (chars.length <= TITLE_CHARS) return first;
  const cut = chars.slice(0, TITLE_CHARS).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space >= TITLE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

/** Trimmed string, or undefined when empty/absent. */
export function clean(value: string | null | undefined): string | undefined {
  const v = value?.replace(/\s+/g, " ").trim();
  return v ? v : undefined;
}

/** The lower-cased extension with its dot (".csv"), or "" when the name has none. */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}
