/**
 * What kind of text a segment is: the headline, a heading inside the body ('War crimes'), a
 * dateline ("ANKARA, Turkey (AP) —"), a caption, boilerplate, or an ordinary sentence.
 */
import { CAPTION, type BoilerplateReason } from "./boilerplate";
import { isCreditOnly, stripTrailingClosers, type Range } from "./rules";

export const SEGMENT_KINDS = ["headline", "heading", "dateline", "sentence", "caption", "boilerplate"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const AGENCY = "\\((?:[A-Z][A-Za-z&.]{0,11}(?:[ /][A-Z][A-Za-z&.]{0,11}){0,2})\\)";
/**
 * An inline dateline at the start of a paragraph: an upper-case place, optionally a region or a
 * date, optionally an agency, then a dash: "ANKARA, Turkey (AP) — ", "BAKU, Oct 5 (Reuters) - ".
 */
const INLINE_DATELINE = new RegExp(
  `^(?:\\p{Lu}[\\p{Lu}'’.-]+(?:[ -]\\p{Lu}[\\p{Lu}'’.-]+){0,3})(?:, (?:\\p{Lu}[\\p{L}.]+(?: \\p{Lu}[\\p{L}.]+){0,2}|${MONTH} \\d{1,2}(?:, \\d{4})?))*(?: ${AGENCY})? ?[—–-]{1,2}(?=\\s+[\\p{Lu}\\p{N}"“‘'])`,
  "u",
);
/** A line that is only a place and/or a date: "BAKU, Azerbaijan", "October 5, 2020", "Baku, 5 October 2020". */
const DATELINE_LINE = new RegExp(
  `^(?:(?:\\p{Lu}[\\p{Lu}'’.-]+(?:[ -]\\p{Lu}[\\p{Lu}'’.-]+){0,3})(?:, \\p{Lu}[\\p{L}.]+(?: \\p{Lu}[\\p{L}.]+){0,2})?(?:,? (?=\\d|[A-Z][a-z]))?)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?:${MONTH} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH},? \\d{4})?(?: ${AGENCY})?$`,
  "u",
);

/** Length of an inline dateline at the start of `s` (0 when none): split off as its own segment. */
export function inlineDatelineLength(s: string): number {
  const m = INLINE_DATELINE.exec(s);
  return m && m[0].length < s.length - 1 ? m[0].length : 0;
}

export function isDatelineLine(s: string): boolean {
  return s.length >= 4 && DATELINE_LINE.test(s) && /\p{L}|\d{4}/u.test(s) && (/\d/u.test(s) || /^\p{Lu}[\p{Lu}'’. -]+,/u.test(s));
}

const wordCount = (s: string) => s.split(/\s+/u).filter(Boolean).length;

/** A title-like line: no final sentence punctuation, short. */
function titleLike(s: string, maxWords: number): boolean {
  const core = stripTrailingClosers(s);
  return !/[.;:,…]$/u.test(core) && wordCount(s) <= maxWords && /^[\p{Ps}\p{Pi}"'«‹]*[\p{Lu}\p{N}]/u.test(s);
}

export interface KindInput extends Range {
  /** Whether the segment is a whole line of the text (its own line, nothing else on it). */
  wholeLine: boolean;
  /** Whether the segment was split off as an inline dateline. */
  dateline: boolean;
  reason: BoilerplateReason | null;
}

/** The kind of each segment, in order. */
export function segmentKinds(text: string, segments: readonly KindInput[]): SegmentKind[] {
  return segments.map((s, i) => {
    const t = text.slice(s.start, s.end);
    if (s.dateline) return "dateline";
    if (s.reason === "caption" || (s.reason === "photo_credit" && !isCreditOnly(t))) return "caption";
    if (s.reason === "repeated_paragraph" && CAPTION.test(t)) return "caption";
    if (s.reason) return "boilerplate";
    if (s.wholeLine && isDatelineLine(t)) return "dateline";
    if (s.wholeLine && i === 0 && titleLike(t, 25) && !/[.]$/u.test(t)) return "headline";
    if (s.wholeLine && i > 0 && titleLike(t, 12) && !/[!?]$/u.test(stripTrailingClosers(t))) return "heading";
    return "sentence";
  });
}
