import fc from "fast-check";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { estimateNestingDepth, htmlToText, scanMarkup } from "./html";
import { parseImportFile } from "./index";
import { fixture, utf8 } from "./test-fixtures";

describe(".html", () => {
  it("extracts article text and metadata; no script, handler or javascript: URL survives", () => {
    const result = parseImportFile("article.html", fixture("article.html"));
    expect(result).toEqual({
      articles: [
        {
          title: "Storm floods coastal towns",
          text: [
            "The storm & the heavy rain arrived at dawn, flooding streets in three towns along the coast.",
            "Officials said residents should read the advice and stay indoors.\nSchools are closed.",
            'Emergency crews worked through the night to clear roads — "it was relentless", one said.',
          ].join("\n\n"),
          url: "https://planet.example/news/storm",
          outlet: "Daily Planet",
          author: "Lois Lane",
          publishedAt: "2024-03-05T09:00:00.000Z",
          language: "en-GB",
          source: { file: "article.html" },
        },
      ],
      errors: [],
    });
    const text = result.articles[0]?.text ?? "";
    for (const payload of ["alert", "<", ">", "onerror", "javascript", "injected", "&amp;", "color"]) {
      expect(text).not.toContain(payload);
    }
  });

  it("takes the date from <time datetime> and the URL from og:url when there is no canonical link", () => {
    const html =
      '<html><head><meta property="og:url" content="https://x.example/a"></head><body><article><p>Body text.</p><time datetime="2024-06-01T12:00:00Z">1 June</time></article></body></html>';
    const [article] = parseImportFile("t.html", utf8(html)).articles;
    expect([article?.url, article?.publishedAt]).toEqual(["https://x.example/a", "2024-06-01T12:00:00.000Z"]);
  });

  it("falls back to the body text when readability finds no article", () => {
    expect(parseImportFile("short.htm", fixture("short.html"))).toEqual({
      articles: [{ title: "Note", text: "Short note.", source: { file: "short.htm" } }],
      errors: [],
    });
  });

  it("rejects a page with no text", () => {
    expect(parseImportFile("no-text.html", fixture("no-text.html"))).toEqual({
      articles: [],
      errors: [{ file: "no-text.html", reason: "no article text found" }],
    });
  });

  it("rejects a 0-byte page and a binary one", () => {
    expect(parseImportFile("e.html", new Uint8Array()).errors).toEqual([{ file: "e.html", reason: "file is empty" }]);
    expect(parseImportFile("b.html", fixture("binary.txt")).errors).toEqual([
      { file: "b.html", reason: "file is not text (contains NUL bytes)" },
    ]);
  });

  it("refuses deeply nested markup before building a DOM, and pages over maxHtmlBytes", () => {
    const deep = utf8(`<p>a</p>${"<div>".repeat(5_000)}x`);
    expect(parseImportFile("deep.html", deep).errors).toEqual([
      { file: "deep.html", reason: "HTML nests 5000 elements deep, over the maximum of 1000" },
    ]);
    // Unclosed <p> and <li> are closed implicitly by the parser: they do not count as nesting.
    expect(estimateNestingDepth(`<div>${"<p>x".repeat(5_000)}<ul>${"<li>y".repeat(5_000)}</ul></div>`)).toBe(2);
    expect(parseImportFile("big.html", utf8("<p>abcdef</p>"), { maxHtmlBytes: 10 }).errors).toEqual([
      { file: "big.html", reason: "page is 13 bytes, over the limit maxHtmlBytes (10)" },
    ]);
  });

  it("counts nesting outside comments and raw text, where the parser builds no elements", () => {
    expect(estimateNestingDepth("<div><!-- <div><div> --><div></div></div>")).toBe(2);
    expect(estimateNestingDepth("<script><div><div></script ><div>")).toBe(1);
    expect(estimateNestingDepth("<TEXTAREA><b><b></textarea><b>")).toBe(1);
    // Unclosed, a comment or a script runs to the end of the page.
    expect(estimateNestingDepth("<div><!-- <div><div>")).toBe(1);
    expect(estimateNestingDepth(`<div><script>${"<div>".repeat(50)}`)).toBe(1);
    // A template's content is parsed as markup: it nests.
    expect(estimateNestingDepth(`<template>${"<div>".repeat(50)}</template>`)).toBe(51);
    // jsdom gets the page without comments and skipped raw text; the title stays.
    expect(scanMarkup("<title>T<b></title><p>a<!-- c --><script>x<p></script >b<STYLE>p{}</style></p><!-- open").markup).toBe(
      "<title>T<b></title><p>ab</p>",
    );
  });

  // The depth check runs on every uploaded page before the DOM is built: on hostile markup
  // (unclosed <script or <!--, repeated) a backtracking search read the rest of the page again
  // at every tag, so doubling the page quadrupled the work. Each character is read at most once.
  it("reads each character of the page at most once, however the markup is built", () => {
    const hostile = ["<script", "<!--", "<style x", "<title", "<textarea", "<div><!--", "<script></scrip", "<<<<"];
    for (const unit of hostile) {
      for (const n of [1_000, 2_000, 4_000, 8_000]) {
        const page = unit.repeat(n);
        expect(scanMarkup(page).charsRead, `${unit} x ${n}`).toBeLessThanOrEqual(page.length);
      }
    }
    const fragment = fc.constantFrom(
      "<script>",
      "</script>",
      "<script",
      "<!--",
      "-->",
      "<div>",
      "</div>",
      "<style a>",
      "</style",
      "<",
      "x",
      "<p>",
      "<template>",
      "</title >",
      "<title>",
      "<plaintext>",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 200 }), (parts) => {
        const page = parts.join("");
        expect(scanMarkup(page).charsRead).toBeLessThanOrEqual(page.length);
      }),
    );
  });

  it("decodes a non-UTF-8 page with its declared charset and drops unusable metadata", () => {
    const bytes = Uint8Array.from(
      Array.from(
        '<html lang="??"><head><meta charset="windows-1252"><meta property="article:published_time" content="soon"><link rel="canonical" href="javascript:alert(1)"></head><body><p>Caf\xe9 owners protest.</p></body></html>',
        (c) => c.charCodeAt(0),
      ),
    );
    expect(parseImportFile("w.html", bytes).articles).toEqual([
      { title: "Café owners protest.", text: "Café owners protest.", source: { file: "w.html" } },
    ]);
  });
});

describe("htmlToText", () => {
  const text = (html: string) => htmlToText(new JSDOM(html).window.document.body);

  it("turns blocks into paragraphs, <br> into line breaks, collapses whitespace, keeps <pre>", () => {
    expect(text("<h2>Head</h2><div>a\n  b <span>c</span></div><ul><li>one</li><li>two</li></ul><pre>x\n  y</pre>")).toBe(
      "Head\n\na b c\n\none\n\ntwo\n\nx\n  y",
    );
    expect(text("<table><tr><td>a</td><td>b</td></tr></table><p>x<br><br>y</p>")).toBe("a b\n\nx\n\ny");
  });

  it("never emits script, style, template or hidden content", () => {
    expect(
      text("<p>kept<script>alert(1)</script><style>.x{}</style><template>t</template><span hidden>h</span><noscript>n</noscript></p>"),
    ).toBe("kept");
  });

  it("decodes entities exactly once", () => {
    expect(parseImportFile("e.html", utf8("<p>&lt;b&gt; &amp;amp; &#128512;</p>")).articles[0]?.text).toBe("<b> &amp; 😀");
  });
});
