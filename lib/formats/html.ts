/**
 * .html / .htm: one article per page, extracted with @mozilla/readability on a jsdom document.
 * jsdom runs with scripts disabled (no `runScripts`) and loads no resources; the output is plain
 * text built from text nodes only, so no script, style, handler or URL ever reaches it.
 */
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import { assembleArticle } from "./article";
import { clean, normaliseLanguage, normaliseUrl, parseLooseDate } from "./text";
import { type ImportLimits, limitReason, type ParseResult } from "./types";

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "canvas",
  "head",
  "title",
  "meta",
  "link",
  "button",
  "select",
  "textarea",
  "input",
]);
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "caption",
  "center",
]);
const CELL = new Set(["td", "th"]);
const VOID_OR_OPTIONAL_END = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "tbody",
  "thead",
  "tfoot",
  "option",
  "optgroup",
  "colgroup",
  "caption",
  "rb",
  "rt",
  "rp",
  "html",
  "head",
  "body",
]);

/**
 * Deepest element nesting jsdom is given. Parsing time grows with the square of the depth
 * (about 0.5 s at 3,000 levels, 3 s for 5,000 unclosed <b>), while real pages stay under ~100.
 */
export const MAX_HTML_DEPTH = 1_000;

/**
 * Elements whose content the HTML parser reads as text up to their own end tag: tags inside them
 * nest nothing. An unclosed one runs to the end of the page, as in the parser. All but <title>
 * are skipped by the text extraction, so they are dropped before jsdom sees the page.
 */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]);
const KEPT_RAW_TEXT = "title";

/** Start of a tag (`<name`, `</name`) or of a comment. */
const TAG_OR_COMMENT = /<(?:!--|(\/?)([a-zA-Z][a-zA-Z0-9-]*))/g;

const rawTextEnd = new Map<string, RegExp>();
const rawTextEndOf = (name: string) => {
  let re = rawTextEnd.get(name);
  if (!re) rawTextEnd.set(name, (re = new RegExp(`</${name}[\\s/>]`, "gi")));
  return re;
};

export interface MarkupScan {
  /** Approximate maximum element nesting, from the tags alone. */
  depth: number;
  /** The page without comments and without the raw-text elements the text extraction skips. */
  markup: string;
  /** Characters the scan's searches went over, in total. */
  charsRead: number;
}

/**
 * One forward pass over an uploaded page before any DOM is built: its nesting depth, and the
 * markup jsdom is given. Uploads are untrusted, so every search starts where the previous one
 * ended and no input makes the scan read a character twice (a backtracking regex over unclosed
 * `<script` or `<!--` was quadratic). Dropping comments and script/style content first also
 * spares jsdom from them: it appends each piece of such text to one growing node, copying it.
 */
export function scanMarkup(html: string): MarkupScan {
  let depth = 0;
  let max = 0;
  let charsRead = 0;
  const kept: string[] = [];
  let keptFrom = 0;
  const drop = (from: number, to: number) => {
    kept.push(html.slice(keptFrom, from));
    keptFrom = to;
  };
  /** Runs `re` from `from`; counts the characters it went over, found or not. */
  const search = (re: RegExp, from: number) => {
    re.lastIndex = from;
    const m = re.exec(html);
    charsRead += (m ? re.lastIndex : html.length) - from;
    return m ? { m, end: re.lastIndex } : null;
  };
  const tag = new RegExp(TAG_OR_COMMENT);
  const comment = /-->/g;
  const tagEnd = />/g;
  for (let at = 0; ;) {
    const found = search(tag, at);
    if (!found) break;
    const { m } = found;
    const start = m.index;
    at = found.end;
    const name = m[2]?.toLowerCase();
    if (name === undefined || (!m[1] && (RAW_TEXT.has(name) || name === "plaintext"))) {
      // A comment or a raw-text element runs to its end, or to the end of the page when never closed.
      let end = name === undefined ? search(comment, at) : name === "plaintext" ? null : search(rawTextEndOf(name), at);
      // An end tag with attributes or spaces (`</script >`) ends at its ">".
      if (end && !end.m[0].endsWith(">")) end = search(tagEnd, end.end);
      if (name !== KEPT_RAW_TEXT) drop(start, end ? end.end : html.length);
      if (!end) break;
      at = end.end;
      continue;
    }
    if (VOID_OR_OPTIONAL_END.has(name)) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  kept.push(html.slice(keptFrom));
  return { depth: max, markup: kept.join(""), charsRead };
}

export function estimateNestingDepth(html: string): number {
  return scanMarkup(html).depth;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Plain text of a DOM subtree: block elements become paragraphs separated by a blank line,
 * `<br>` a line break, whitespace collapsed outside `<pre>`. Text nodes only: no tags, and
 * entities are already decoded by the parser.
 */
export function htmlToText(root: Node): string {
  const paragraphs: string[] = [];
  let current = "";
  const flush = (pre: boolean) => {
    const lines = current.split("\n").map((l) => (pre ? l.trimEnd() : l.replace(/\s+/g, " ").trim()));
    const p = lines.join("\n").replace(/^\n+|\n+$/g, "");
    if (p.trim()) paragraphs.push(p);
    current = "";
  };
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const t = node.nodeValue ?? "";
      current += pre ? t : t.replace(/\s+/g, " ");
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as Element;
    const tag = el.localName.toLowerCase();
    if (SKIP.has(tag) || el.hasAttribute("hidden")) return;
    if (tag === "br") {
      current += "\n";
      return;
    }
    const block = BLOCK.has(tag);
    const isPre = pre || tag === "pre";
    if (block) flush(pre);
    for (const child of Array.from(el.childNodes)) walk(child, isPre);
    if (block) flush(isPre);
    else if (CELL.has(tag)) current += " ";
  };
  walk(root, false);
  flush(false);
  return paragraphs.join("\n\n");
}

function meta(doc: Document, ...selectors: string[]): string | undefined {
  for (const s of selectors) {
    const el = doc.querySelector(s);
    const v = clean(el?.getAttribute(el.localName === "link" ? "href" : el.localName === "time" ? "datetime" : "content"));
    if (v) return v;
  }
  return undefined;
}

/** "Storm hits | Daily Planet" -> "Storm hits" when the site name is known. */
function stripSiteName(title: string | undefined, site: string | undefined): string | undefined {
  if (!title || !site) return title;
  const esc = site.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const stripped = title.replace(new RegExp(`\\s+[|\\-–—:·/»]\\s+${esc}$|^${esc}\\s+[|\\-–—:·/»]\\s+`, "i"), "");
  return stripped.trim() || title;
}

function decodeHtml(bytes: Uint8Array): string | Uint8Array {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: let jsdom sniff the page's declared charset (windows-1252 when none).
    return bytes;
  }
}

export function parseHtmlFile(name: string, bytes: Uint8Array, limits: ImportLimits): ParseResult {
  const fail = (reason: string): ParseResult => ({ articles: [], errors: [{ file: name, reason }] });
  if (bytes.length === 0) return fail("file is empty");
  if (bytes.includes(0)) return fail("file is not text (contains NUL bytes)");
  if (bytes.length > limits.maxHtmlBytes) {
    return fail(limitReason("page is", `${bytes.length} bytes`, "maxHtmlBytes", limits.maxHtmlBytes));
  }
  const source = decodeHtml(bytes);
  // A page that is not UTF-8 stays bytes (jsdom finds its charset): scanned one character per byte.
  const scan = scanMarkup(typeof source === "string" ? source : Buffer.from(source).toString("latin1"));
  if (scan.depth > MAX_HTML_DEPTH) return fail(`HTML nests ${scan.depth} elements deep, over the maximum of ${MAX_HTML_DEPTH}`);
  const markup = typeof source === "string" ? scan.markup : Buffer.from(scan.markup, "latin1");

  // No runScripts, no resources: nothing in the page executes or loads. The virtual console is silent.
  const dom = new JSDOM(markup, { contentType: "text/html", virtualConsole: new VirtualConsole() });
  try {
    const doc = dom.window.document;
    const url = [meta(doc, 'link[rel~="canonical"]'), meta(doc, 'meta[property="og:url"]')]
      .map((u) => (u ? normaliseUrl(u) : undefined))
      .find(Boolean);
    const language = normaliseLanguage(doc.documentElement.getAttribute("lang") ?? "");
    const dateMeta = meta(
      doc,
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[property="og:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
      "time[datetime]",
    );
    const authorMeta = meta(doc, 'meta[name="author"]', 'meta[property="article:author"]');
    const siteMeta = meta(doc, 'meta[property="og:site_name"]');
    const titleMeta = clean(doc.title) ?? meta(doc, 'meta[property="og:title"]');

    // Readability mutates the document it reads, so it gets a copy; the original is the fallback.
    const copy = doc.cloneNode(true) as Document;
    let parsed: ReturnType<Readability<Node>["parse"]> = null;
    try {
      parsed = new Readability<Node>(copy, { serializer: (el) => el }).parse();
    } catch {
      // Readability gives up on some documents: the body text below is the fallback.
    }
    let text = parsed?.content ? htmlToText(parsed.content) : "";
    if (!text.trim()) text = doc.body ? htmlToText(doc.body) : "";
    if (!text.trim()) return fail("no article text found");

    const author = (clean(parsed?.byline) ?? authorMeta)?.replace(/^by\s+/i, "");
    const outlet = clean(parsed?.siteName) ?? siteMeta;
    const outcome = assembleArticle(
      {
        text: { value: text, field: "text" },
        title: { value: stripSiteName(clean(parsed?.title) ?? titleMeta, outlet), field: "title" },
        url: { value: url, field: "url" },
        outlet: { value: outlet, field: "outlet" },
        author: { value: author, field: "author" },
        // Page metadata is not the uploader's data: an unreadable date is dropped, not an error.
        publishedAt: { value: parseLooseDate(dateMeta) ?? parseLooseDate(parsed?.publishedTime), field: "published_at" },
        language: { value: language, field: "language" },
      },
      limits,
    );
    if (!outcome.ok) return { articles: [], errors: outcome.errors.map((e) => ({ file: name, reason: e.reason })) };
    return { articles: [{ ...outcome.article, source: { file: name } }], errors: [] };
  } finally {
    dom.window.close();
  }
}
