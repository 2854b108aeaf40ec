/**
 * The news-specific rules applied on top of `Intl.Segmenter`: which single line breaks end a
 * segment (headlines, bullets), and which sentence breaks to undo (abbreviations, initials,
 * attributions after a quote, photo credits).
 */

export interface Range {
  start: number;
  end: number;
}

/** Abbreviations that never end a sentence (unless a paragraph break follows). Case-sensitive. */
const NON_TERMINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // titles and ranks
  "Gen.",
  "Gens.",
  "Gov.",
  "Govs.",
  "Sen.",
  "Sens.",
  "Rep.",
  "Reps.",
  "Dr.",
  "Drs.",
  "Mr.",
  "Mrs.",
  "Ms.",
  "Messrs.",
  "Prof.",
  "Pres.",
  "Lt.",
  "Col.",
  "Capt.",
  "Cmdr.",
  "Adm.",
  "Maj.",
  "Sgt.",
  "Cpl.",
  "Pvt.",
  "Rev.",
  "Hon.",
  "Amb.",
  "Supt.",
  "Insp.",
  "Det.",
  "Atty.",
  "Sec.",
  "Gov.-Gen.",
  "Rt.",
  // places
  "St.",
  "Mt.",
  "Ft.",
  "Ave.",
  "Blvd.",
  // months (May, June and July are written out)
  "Jan.",
  "Feb.",
  "Mar.",
  "Apr.",
  "Aug.",
  "Sep.",
  "Sept.",
  "Oct.",
  "Nov.",
  "Dec.",
  // other
  "No.",
  "Nos.",
  "Vol.",
  "Art.",
  "Fig.",
  "vs.",
  "v.",
  "etc.",
  "e.g.",
  "i.e.",
  "approx.",
  "cf.",
  "al.",
]);

/** Opening punctuation stripped before looking a token up ("(Gen." → "Gen."). */
const LEADING_OPENERS = /^[\p{Ps}\p{Pi}"'«‹]+/u;
/** Upper-case initials, alone or in series: "J.", "U.S.", "J.R.R.", also "(E.)". */
const INITIALS = /^(?:\p{Lu}\.){1,4}\)?$/u;
const FUNCTION_WORDS = new Set([
  "a",
  "an",
  "the",
  "of",
  "to",
  "in",
  "on",
  "at",
  "by",
  "for",
  "from",
  "with",
  "and",
  "or",
  "but",
  "nor",
  "as",
  "that",
  "which",
  "who",
  "whose",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "has",
  "have",
  "had",
  "its",
  "their",
  "his",
  "her",
  "than",
  "into",
  "over",
  "after",
  "before",
  "about",
  "said",
  "says",
]);

export const LINE_BREAK = /\r\n|[\n\r\u2028\u0085]/g;
const LINE_BREAK_CHAR = /[\n\r\u2028\u2029\u0085]/;

// Trailing-anchored patterns are matched by scanning from the end: a regex such as /\S+$/ is
// quadratic on long runs, and segmentation must stay linear on any input.

/** The last whitespace-delimited token of `s`. */
function lastToken(s: string): string {
  let i = s.length;
  while (i > 0 && !/\s/u.test(s[i - 1] ?? "")) i--;
  return s.slice(i);
}

const CLOSER = /^[\p{Pe}\p{Pf}"'»›]$/u;

/** `s` without its trailing closing quotes and brackets. */
export function stripTrailingClosers(s: string): string {
  let i = s.length;
  while (i > 0 && CLOSER.test(s[i - 1] ?? "")) i--;
  return s.slice(0, i);
}

/** True when `segmentText` ends with an abbreviation or an initial that never ends a sentence. */
function endsWithNonTerminal(segmentText: string): boolean {
  const token = lastToken(segmentText).replace(LEADING_OPENERS, "");
  return NON_TERMINAL_ABBREVIATIONS.has(token) || INITIALS.test(token);
}

/** Content of a photo / agency credit such as "AA", "Reuters", "AP Photo/Evan Vucci", "Photo: AFP". */
function isCreditContent(s: string): boolean {
  const c = s.trim().replace(/^(?:photo|photos|image|video|file|source)\s*:\s*/i, "");
  if (c.length === 0 || c.length > 40 || !/^\p{Lu}[\p{L}\p{N}.&'’ /-]*$/u.test(c)) return false;
  const words = c.split(/[\s/]+/).filter(Boolean);
  return words.length <= 6 && words.every((w) => !/^\p{Ll}/u.test(w) || w === "via" || w === "and" || w === "of");
}

/** "(AA)", "(Reuters)": a segment that is nothing but a credit. */
export function isCreditOnly(segmentText: string): boolean {
  const m = /^\(([^()]*)\)$/.exec(segmentText);
  return m !== null && isCreditContent(m[1] ?? "");
}

/** "... headquartered. (AA)": a sentence followed by a credit. Returns the text without it. */
export function stripTrailingCredit(s: string): string {
  const t = s.trimEnd();
  const open = t.lastIndexOf("(");
  if (!t.endsWith(")") || open < 0 || t.length - open > 42) return s;
  return isCreditContent(t.slice(open + 1, -1)) ? t.slice(0, open).trimEnd() : s;
}

/** Bullet list items: "- ", "* ", "• ", "1. ", "2) ". */
function isBulletLine(line: string): boolean {
  return /^(?:[-*•‣◦–]|\d{1,3}[.)])\s+\S/u.test(line);
}

const startsCapitalised = (s: string) => /^[\p{Ps}\p{Pi}"'«‹]*[\p{Lu}\p{Lt}\p{N}]/u.test(s);

/**
 * Whether a single line break after `line` ends the segment: headlines and sub-headings (a line
 * without final punctuation, followed by a capitalised line) and bullet items. Lines that end with
 * a comma, a dash, a function word... or are followed by a lower-case line are hard-wrapped text.
 */
export function lineEndsSegment(line: string, next: string): boolean {
  if (isBulletLine(next)) return true;
  if (/^\p{Ll}/u.test(next)) return false;
  if (isBulletLine(line)) return true;
  const core = stripTrailingClosers(line);
  if (core === "" || /[.!?…‼⁇⁈⁉。！？:;,\-–—/&(]$/u.test(core)) return false;
  const last = lastToken(core).toLowerCase();
  if (FUNCTION_WORDS.has(last)) return false;
  return startsCapitalised(next);
}

/**
 * Whether the sentence break Intl.Segmenter put between `prev` and `next` (two trimmed ranges
 * of `text` in the same block) should be undone.
 */
export function shouldJoin(text: string, prev: Range, next: Range): boolean {
  // Only the end of `prev` matters (it grows as pieces are joined): look at a bounded tail.
  const prevText = text.slice(Math.max(prev.start, prev.end - 200), prev.end);
  const nextText = text.slice(next.start, Math.min(next.end, next.start + 200));
  // Abbreviations and initials: "Gen. Smith", "J. Smith", "U.S. Army", "Erdogan (E.) and".
  if (endsWithNonTerminal(prevText)) return true;
  // A list marker belongs to its item: "1. First item".
  if (prev.end - prev.start <= 4 && /^(?:\d{1,3}[.)]|[-*•‣◦–])$/u.test(prevText)) return true;
  // Never split before lower-case text: '"Is it over?" he asked.'
  if (/^\p{Ll}/u.test(nextText)) return true;
  // Never split after a comma (+ closing quote): '"... the better," Aliyev said'.
  if (",;、，".includes(stripTrailingClosers(prevText).slice(-1) || "x")) return true;
  // A credit on the same line belongs to its caption: "... headquartered. (AA)".
  if (next.end - next.start <= 42 && isCreditOnly(nextText) && !LINE_BREAK_CHAR.test(text.slice(prev.end, next.start))) {
    return true;
  }
  return false;
}
