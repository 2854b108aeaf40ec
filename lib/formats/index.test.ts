import { describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_LIMITS, formatImportError, parseImportFile, parseImportFiles } from "./index";
import { fixture, utf8 } from "./test-fixtures";
import { parseIsoDate } from "./text";

describe("parseImportFile", () => {
  it("exports the documented default limits", () => {
    expect(DEFAULT_IMPORT_LIMITS).toEqual({
      maxArticleChars: 200_000,
      maxFileBytes: 52_428_800,
      maxHtmlBytes: 5_242_880,
      maxArticlesPerUpload: 10_000,
      maxZipEntries: 10_000,
      maxUnzippedBytes: 209_715_200,
      maxErrorsPerFile: 1_000,
    });
  });

  it("refuses unsupported extensions, naming the supported ones", () => {
    expect(parseImportFile("report.xyz", utf8("x"))).toEqual({
      articles: [],
      errors: [{ file: "report.xyz", reason: "unsupported file type .xyz (supported: .txt, .md, .html, .json, .jsonl, .csv, .zip)" }],
    });
    expect(parseImportFile("README", utf8("x")).errors[0]?.reason).toBe(
      "unsupported file type (none) (supported: .txt, .md, .html, .json, .jsonl, .csv, .zip)",
    );
  });

  it("dispatches on the extension case-insensitively", () => {
    expect(parseImportFile("A.JSONL", fixture("plain.jsonl")).articles).toHaveLength(2);
    expect(parseImportFile("B.Md", fixture("article.md")).articles[0]?.title).toBe("Markets rally on rate hopes");
  });

  it("refuses a file over maxFileBytes without parsing it", () => {
    expect(parseImportFile("big.txt", utf8("abcdef"), { maxFileBytes: 5 })).toEqual({
      articles: [],
      errors: [{ file: "big.txt", reason: "file is 6 bytes, over the limit maxFileBytes (5)" }],
    });
  });

  it("refuses an upload over maxArticlesPerUpload", () => {
    const jsonl = Array.from({ length: 4 }, (_, i) => JSON.stringify({ text: `t${i}` })).join("\n");
    expect(parseImportFile("many.jsonl", utf8(jsonl), { maxArticlesPerUpload: 3 })).toEqual({
      articles: [],
      errors: [{ file: "many.jsonl", reason: "upload has 4 articles, over the limit maxArticlesPerUpload (3)" }],
    });
    const files = [1, 2].map((n) => ({ name: `${n}.jsonl`, bytes: utf8(jsonl.split("\n").slice(0, 2).join("\n")) }));
    expect(parseImportFiles(files, { maxArticlesPerUpload: 3 }).errors).toEqual([
      { file: "upload", reason: "upload has 4 articles, over the limit maxArticlesPerUpload (3)" },
    ]);
  });

  it("keeps files independent: a bad file does not stop a good one", () => {
    const result = parseImportFiles([
      { name: "good.txt", bytes: fixture("article.txt") },
      { name: "empty.txt", bytes: fixture("empty.txt") },
    ]);
    expect(result.articles.map((a) => a.source.file)).toEqual(["good.txt"]);
    expect(result.errors.map(formatImportError)).toEqual(["empty.txt: file is empty"]);
  });

  it("lists errors up to maxErrorsPerFile, then summarises the rest", () => {
    const jsonl = Array.from({ length: 5 }, () => "{").join("\n");
    expect(parseImportFile("x.jsonl", utf8(jsonl), { maxErrorsPerFile: 2 }).errors).toEqual([
      { file: "x.jsonl", line: 1, reason: expect.stringMatching(/^invalid JSON/) },
      { file: "x.jsonl", line: 2, reason: expect.stringMatching(/^invalid JSON/) },
      { file: "x.jsonl", reason: "3 more errors not shown (maxErrorsPerFile 2)" },
    ]);
  });

  it("survives pathological nesting in JSON", () => {
    const deep = utf8(`[${"[".repeat(200_000)}${"]".repeat(200_000)}]`);
    expect(parseImportFile("deep.json", deep).errors).toEqual([
      { file: "deep.json", line: 1, record: 0, reason: "record is not a JSON object" },
    ]);
  });
});

describe("dates", () => {
  it.each([
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["2024-03-05T10:00:00+01:00", "2024-03-05T09:00:00.000Z"],
    ["2024-03-05 10:00:00.123456Z", "2024-03-05T10:00:00.123Z"],
    ["2024-03-05T10:00-0530", "2024-03-05T15:30:00.000Z"],
  ])("accepts %s", (input, iso) => expect(parseIsoDate(input)).toBe(iso));

  it.each(["2023-02-29", "2024-13-01", "2024-01-01T24:00", "yesterday", "05/03/2024", "2024-01-01T10:00+15:00", ""])(
    "rejects %j",
    (input) => expect(parseIsoDate(input)).toBeUndefined(),
  );
});
