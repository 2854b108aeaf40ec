/**
 * Boilerplate detection. Boilerplate is flagged, never deleted: the segment stays in the document
 * (offsets unchanged) and the workspace can skip it.
 */
import { isCreditOnly, stripTrailingClosers, stripTrailingCredit, type Range } from "./rules";

export const BOILERPLATE_REASONS = ["read_more", "source_line", "repeated_paragraph", "photo_credit", "caption"] as const;
export type BoilerplateReason = (typeof BOILERPLATE_REASONS)[number];

/** "READ MORE: Azerbaijan: Armenia attacking cities far beyond conflict zone" */
const READ_MORE =
  /^(?:read more|also read|read also|related(?: (?:article|articles|story|stories|content))?|see also|more on this)\s*[:：]/i;
/** "Source: TRTWorld and agencies" */
const SOURCE_LINE = /^sources?\s*[:：]\s*\S/i;
/** "In this file photo ...", "In this photo ...", "File photo: ..." */
export const CAPTION =
  /^(?:in (?:this|these|the|a) (?:(?:file|undated|handout|combined|aerial|archive|video) )*(?:photos?|pictures?|images?|photographs?|screenshots?|screen grabs?|video grabs?|frame grabs?)\b|(?:file|handout|archive) (?:photo|picture|image)\s*[:：]|photo\s*[:：]|pictured\s*[:：])/i;

/** Lines (and paragraphs) shorter than this are never reported as repeats. */
const MIN_REPEAT_LENGTH = 20;

export interface LineInfo extends Range {
  paragraph: number;
}

function normalizeForRepeat(s: string): string {
  return stripTrailingCredit(s).replace(/\s+/gu, " ").trim();
}

/** The reason a single segment is boilerplate, from its own text. */
function segmentReason(segmentText: string): BoilerplateReason | null {
  if (READ_MORE.test(segmentText)) return "read_more";
  if (SOURCE_LINE.test(segmentText) && segmentText.split(/\s+/).length <= 12) return "source_line";
  if (isCreditOnly(segmentText)) return "photo_credit";
  // A sentence end followed by a credit: "... headquartered. (AA)".
  const before = stripTrailingCredit(segmentText);
  if (before !== segmentText && /[.!?…]$/u.test(stripTrailingClosers(before))) return "photo_credit";
  if (CAPTION.test(segmentText)) return "caption";
  return null;
}

/**
 * Reasons for each segment, in order. `lines` are the trimmed non-empty lines of the text and
 * `paragraphs` the trimmed paragraphs; a segment belongs to the line and paragraph its start is in.
 *
 * Precedence: read_more, source_line (the whole line), repeated_paragraph (a paragraph or line
 * that repeats an earlier one verbatim, or apart from a trailing credit; the first occurrence is
 * not flagged), photo_credit, caption.
 */
export function detectBoilerplate(
  text: string,
  segments: readonly Range[],
  lines: readonly LineInfo[],
  paragraphs: readonly Range[],
): (BoilerplateReason | null)[] {
  const seenLines = new Set<string>();
  const repeatedLine = lines.map((l) => {
    const key = normalizeForRepeat(text.slice(l.start, l.end));
    if (key.length < MIN_REPEAT_LENGTH) return false;
    if (seenLines.has(key)) return true;
    seenLines.add(key);
    return false;
  });
  const seenParagraphs = new Set<string>();
  const repeatedParagraph = paragraphs.map((p) => {
    const key = normalizeForRepeat(text.slice(p.start, p.end));
    if (key.length < MIN_REPEAT_LENGTH) return false;
    if (seenParagraphs.has(key)) return true;
    seenParagraphs.add(key);
    return false;
  });

  const out: (BoilerplateReason | null)[] = [];
  let li = 0;
  for (const seg of segments) {
    while (li < lines.length - 1 && (lines[li]?.end ?? 0) <= seg.start) li++;
    const line = lines[li];
    const lineText = line ? text.slice(line.start, line.end) : "";
    const segText = text.slice(seg.start, seg.end);
    let reason: BoilerplateReason | null = null;
    if (READ_MORE.test(lineText)) reason = "read_more";
    else if (SOURCE_LINE.test(lineText) && lineText.split(/\s+/).length <= 12) reason = "source_line";
    else if (repeatedLine[li] || (line && repeatedParagraph[line.paragraph])) reason = "repeated_paragraph";
    else reason = segmentReason(segText);
    out.push(reason);
  }
  return out;
}
