import { describe, expect, it } from "vitest";
import { parseImportFile } from "./index";
import { fixture, utf8 } from "./test-fixtures";

describe(".txt", () => {
  it("imports a clean file: title line split off, body kept as written, trailing blank lines dropped", () => {
    expect(parseImportFile("article.txt", fixture("article.txt"))).toEqual({
      articles: [
        {
          title: "Senate passes budget after all-night session",
          text: 'The Senate passed the budget on Tuesday.\nThe vote was 51 to 49.\n\nCritics called it "reckless".',
          source: { file: "article.txt" },
        },
      ],
      errors: [],
    });
  });

  it("strips the BOM, normalises CRLF and leading blank lines", () => {
    expect(parseImportFile("a.TXT", fixture("article-crlf-bom.txt"))).toEqual({
      articles: [
        {
          title: "City council votes on tram line",
          text: "The council met on Monday.\nIt voted 7 to 2.",
          source: { file: "a.TXT" },
        },
      ],
      errors: [],
    });
  });

  it("keeps a first line ending with a period in the text and derives the title", () => {
    const { articles, errors } = parseImportFile("n.txt", fixture("no-title.txt"));
    expect(errors).toEqual([]);
    expect(articles[0]?.title).toBe("The minister resigned on Friday.");
    expect(articles[0]?.text).toBe(
      "The minister resigned on Friday.\n\nShe gave no reason for the decision, which surprised her colleagues in parliament and the press.",
    );
  });

  it("derives a ~80 character title from a long first line", () => {
    const text = "Word ".repeat(40).trim();
    const { articles } = parseImportFile("long.txt", utf8(text));
    // 16 words are 79 characters: the cut falls on the word boundary before character 80.
    expect(articles[0]?.title).toBe(`${"Word ".repeat(16).trim()}…`);
    expect(articles[0]?.text).toBe(text);
  });

  it("does not take a title when nothing follows it", () => {
    const { articles } = parseImportFile("t.txt", utf8("Only a headline\n\n"));
    expect(articles).toEqual([{ title: "Only a headline", text: "Only a headline", source: { file: "t.txt" } }]);
  });

  it("rejects a 0-byte file", () => {
    expect(parseImportFile("empty.txt", fixture("empty.txt"))).toEqual({
      articles: [],
      errors: [{ file: "empty.txt", reason: "file is empty" }],
    });
  });

  it("rejects a whitespace-only file", () => {
    expect(parseImportFile("w.txt", fixture("whitespace.txt")).errors).toEqual([{ file: "w.txt", reason: "file has no text" }]);
  });

  it("rejects a binary file renamed .txt", () => {
    expect(parseImportFile("binary.txt", fixture("binary.txt"))).toEqual({
      articles: [],
      errors: [{ file: "binary.txt", reason: "file is not UTF-8 text" }],
    });
  });

  it("rejects text that is not UTF-8", () => {
    expect(parseImportFile("latin1.txt", fixture("latin1.txt")).errors).toEqual([{ file: "latin1.txt", reason: "file is not UTF-8 text" }]);
  });

  it("rejects an article over maxArticleChars, naming the limit and the numbers", () => {
    expect(parseImportFile("big.txt", utf8("x".repeat(101)), { maxArticleChars: 100 })).toEqual({
      articles: [],
      errors: [{ file: "big.txt", reason: "text is 101 characters, over the limit maxArticleChars (100)" }],
    });
  });
});

describe(".md", () => {
  it("strips the leading '# ' of the title and keeps the markdown body as written", () => {
    expect(parseImportFile("article.md", fixture("article.md"))).toEqual({
      articles: [
        {
          title: "Markets rally on rate hopes",
          text: "Stocks **rose** on Tuesday, led by [banks](https://example.com).\n\n- Dow: +1.2%\n- S&P: +0.9%",
          source: { file: "article.md" },
        },
      ],
      errors: [],
    });
  });

  it("keeps '# ' in .txt titles", () => {
    expect(parseImportFile("h.txt", utf8("# Heading\n\nBody.")).articles[0]?.title).toBe("# Heading");
  });
});
