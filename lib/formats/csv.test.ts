import { describe, expect, it } from "vitest";
import { parseImportFile } from "./index";
import { fixture, utf8 } from "./test-fixtures";

describe(".csv", () => {
  it("imports RFC 4180 records: BOM, CRLF, quoted commas, quotes and newlines, header case and spaces", () => {
    expect(parseImportFile("articles.csv", fixture("articles.csv"))).toEqual({
      articles: [
        {
          title: "First",
          text: 'Quoted, with comma and "quotes"',
          url: "https://a.example/1",
          publishedAt: "2024-05-06T07:08:09.000Z",
          language: "fr",
          externalId: "x1",
          source: { file: "articles.csv", line: 2 },
        },
        {
          title: "Second",
          text: "Multi-line\nbody\n\nwith paragraph",
          publishedAt: "2024-05-07T00:00:00.000Z",
          externalId: "x2",
          source: { file: "articles.csv", line: 4 },
        },
        // Line 8 is a row of empty cells: skipped like a blank line.
        { title: "Plain body", text: "Plain body", source: { file: "articles.csv", line: 9 } },
      ],
      errors: [],
    });
  });

  it("reads every optional column", () => {
    const csv =
      "id,title,url,outlet,story,author,published_at,language,text\n7,T,http://o.example/a,Outlet,Port strike,Au Thor,2024-01-01T12:00:00+02:00,de-at,Body\n";
    expect(parseImportFile("all.csv", utf8(csv)).articles).toEqual([
      {
        title: "T",
        text: "Body",
        url: "http://o.example/a",
        outlet: "Outlet",
        story: "Port strike",
        author: "Au Thor",
        publishedAt: "2024-01-01T10:00:00.000Z",
        language: "de-AT",
        externalId: "7",
        source: { file: "all.csv", line: 2 },
      },
    ]);
  });

  it("reports an unclosed quote at the line csv-parse gives", () => {
    expect(parseImportFile("unclosed.csv", fixture("unclosed.csv"))).toEqual({
      articles: [],
      errors: [
        {
          file: "unclosed.csv",
          line: 4,
          reason: "invalid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 4",
        },
      ],
    });
  });

  it("requires a text column and lists the columns it found", () => {
    expect(parseImportFile("no-text-column.csv", fixture("no-text-column.csv"))).toEqual({
      articles: [],
      errors: [{ file: "no-text-column.csv", line: 1, reason: "header has no text column; found: a, b" }],
    });
  });

  it("counts physical lines from the top of the file, blank lines before the header included", () => {
    expect(parseImportFile("b.csv", utf8("\n\nTitle,Body\n")).errors).toEqual([
      { file: "b.csv", line: 3, reason: "header has no text column; found: Title, Body" },
    ]);
    expect(parseImportFile("c.csv", utf8('\ntext,title\n\n"a\nb",T\n"",U\n')).errors).toEqual([
      { file: "c.csv", line: 6, field: "text", reason: "missing field text" },
    ]);
  });

  it("reports every row with an empty text or a wrong number of fields, and imports nothing", () => {
    expect(parseImportFile("empty-text.csv", fixture("empty-text.csv"))).toEqual({
      articles: [],
      errors: [
        { file: "empty-text.csv", line: 3, field: "text", reason: "missing field text" },
        { file: "empty-text.csv", line: 4, field: "text", reason: "missing field text" },
        { file: "empty-text.csv", line: 6, reason: "expected 2 fields, got 3" },
      ],
    });
  });

  it("validates dates, URLs and languages per row", () => {
    const csv = "text,published_at,url,language\nA,2024-13-01,ftp://x.example,en\nB,2024-01-01,https://ok.example,not a tag\n";
    expect(parseImportFile("v.csv", utf8(csv)).errors).toEqual([
      { file: "v.csv", line: 2, field: "url", reason: "field url: not a valid http(s) URL" },
      { file: "v.csv", line: 2, field: "published_at", reason: "field published_at: not a valid date" },
      { file: "v.csv", line: 3, field: "language", reason: "field language: not a BCP 47 language tag" },
    ]);
  });

  it("rejects a 0-byte file, a header-only file and a binary file", () => {
    expect(parseImportFile("e.csv", new Uint8Array()).errors).toEqual([{ file: "e.csv", reason: "file is empty" }]);
    expect(parseImportFile("h.csv", utf8("text\n")).errors).toEqual([{ file: "h.csv", reason: "file has no records" }]);
    expect(parseImportFile("b.csv", fixture("binary.txt")).errors).toEqual([{ file: "b.csv", reason: "file is not UTF-8 text" }]);
  });
});
