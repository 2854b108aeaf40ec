/**
 * Quote structure: where quotations open and close in a paragraph.
 *
 * One module for the segmenter (which keeps a quotation with the attribution after it in one
 * segment) and the extractor (quote spans, continuation sentences), so the two never disagree on
 * what is quoted.
 *
 * Marks: straight and curly double quotes (mixed pairs such as “…" are common in agency copy and
 * are accepted), „…“, « » (and German » «), single quotes ‘…’ / '…' when they are not
 * apostrophes. Only top-level quotations are reported: a quotation inside another one (`"they
 * called it 'a war crime'"`) is part of the outer one. An unclosed double quotation runs to the
 * end of the range (a quotation continued in the next paragraph leaves its closing mark off); an
 * unclosed single quote is taken for an apostrophe and dropped.
 */

export type QuoteMark = "double" | "single" | "guillemet";

export interface QuoteSpan {
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark, or -1 when the quotation is not closed before the range ends. */
  close: number;
  /** The quoted content, marks excluded and surrounding whitespace trimmed: [start, end). */
  start: number;
  end: number;
  mark: QuoteMark;
}

type Role = "open" | "close" | "either" | "apostrophe";

const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:;"“„«»‘‚']/u;
const CLOSING_CONTEXT = /[\s)\]}.,;:!?\u2014\u2013\-/…"”«»’']/u;
const WORD = /[\p{L}\p{N}]/u;

function classify(ch: string): QuoteMark | null {
  switch (ch) {
    case '"':
    case "“":
    case "”":
    case "„":
    case "‟":
      return "double";
    case "«":
    case "»":
    case "‹":
    case "›":
      return "guillemet";
    case "'":
    case "‘":
    case "’":
    case "‚":
      return "single";
    default:
      return null;
  }
}

/** What a mark can do here, from the mark itself and its neighbours. */
function role(ch: string, prev: string | undefined, next: string | undefined): Role {
  const openSide = prev === undefined || OPENING_CONTEXT.test(prev);
  const closeSide = next === undefined || CLOSING_CONTEXT.test(next);
  if (ch === "“" || ch === "„" || ch === "‟" || ch === "‘" || ch === "‚") {
    // Some texts use “ as a closing mark too; a “ glued to the word before it closes.
    return prev !== undefined && WORD.test(prev) && closeSide ? "close" : "open";
  }
  if (ch === "”") return "close";
  if (ch === "«" || ch === "‹" || ch === "»" || ch === "›") return "either";
  if (ch === "’" || ch === "'") {
    if (prev !== undefined && next !== undefined && WORD.test(prev) && WORD.test(next)) return "apostrophe"; // Turkey's, don't
    if (openSide && !closeSide) return "open";
    if (closeSide && !openSide) return "close";
    return "apostrophe";
  }
  // straight double quote
  if (openSide && !closeSide) return "open";
  if (closeSide && !openSide) return "close";
  return "either";
}

interface Open {
  mark: QuoteMark;
  at: number;
  ch: string;
}

/**
 * Top-level quotations of `text` between `from` and `to`. Linear in the length of the range.
 */
export function findQuotes(text: string, from = 0, to = text.length): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const stack: Open[] = [];
  const push = (open: Open, close: number, closed: boolean) => {
    const start = trimStart(text, open.at + 1, close);
    const end = trimEnd(text, start, close);
    if (end > start) out.push({ open: open.at, close: closed ? close : -1, start, end, mark: open.mark });
  };
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    const mark = classify(ch);
    if (!mark) continue;
    const r = role(ch, i > from ? text[i - 1] : undefined, i + 1 < to ? text[i + 1] : undefined);
    if (r === "apostrophe") continue;
    const openIndex = findOpen(stack, mark, ch);
    if ((r === "close" || r === "either") && openIndex >= 0) {
      const open = stack[openIndex]!;
      stack.length = openIndex; // inner quotations left open are dropped
      if (stack.length === 0) push(open, i, true);
      continue;
    }
    if (r === "open" || r === "either") stack.push({ mark, at: i, ch });
    // a closing mark with nothing open is a stray mark: ignored
  }
  // Unclosed: the outermost double or guillemet quotation runs to the end of the range.
  const outer = stack.find((o) => o.mark !== "single");
  if (outer && stack[0] === outer) push(outer, to, false);
  return out.sort((a, b) => a.open - b.open);
}

const GUILLEMET_PAIR: Record<string, string> = { "«": "»", "»": "«", "‹": "›", "›": "‹" };

/** The innermost open quotation a mark of this kind closes (German » « pairs close with «). */
function findOpen(stack: readonly Open[], mark: QuoteMark, ch: string): number {
  for (let k = stack.length - 1; k >= 0; k--) {
    const o = stack[k]!;
    if (o.mark !== mark) continue;
    if (mark === "guillemet" && GUILLEMET_PAIR[o.ch] !== ch) continue;
    return k;
  }
  return -1;
}

function trimStart(text: string, start: number, end: number): number {
  while (start < end && /\s/u.test(text[start]!)) start++;
  return start;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end;
}

/** The quotation that contains `index` (content or marks), if any. */
export function quoteAt(quotes: readonly QuoteSpan[], index: number): QuoteSpan | undefined {
  return quotes.find((q) => index >= q.open && (q.close === -1 ? index <= q.end : index <= q.close));
}
