import { describe, expect, it } from "vitest";
import { formatImportError, parseImportFile } from "./index";
import { arrayElementLines, parseJsonlFile } from "./json";
import { RECORD_PARSERS } from "./records";
import type { RecordParser } from "./record-common";
import { fixture, utf8 } from "./test-fixtures";
import { DEFAULT_IMPORT_LIMITS } from "./types";

describe(".jsonl", () => {
  it("imports plain records: every field, CRLF normalised, unknown fields ignored, blank lines skipped", () => {
    expect(parseImportFile("plain.jsonl", fixture("plain.jsonl"))).toEqual({
      articles: [
        {
          title: "Port strike ends",
          text: "Dock workers returned.\n\nCargo moves again.",
          url: "https://news.example/port",
          outlet: "News Example",
          story: "Port strike",
          author: "Ann Author",
          publishedAt: "2024-02-29T00:00:00.000Z",
          language: "en",
          externalId: "a1",
          source: { file: "plain.jsonl", line: 1 },
        },
        {
          title: "Second article body.",
          text: "Second article body.",
          publishedAt: "2024-03-01T13:30:00.000Z",
          externalId: "42",
          source: { file: "plain.jsonl", line: 3 },
        },
      ],
      errors: [],
    });
  });

  it("rejects the whole file and reports every bad line (truncated JSON, missing text, bad date, wrong type)", () => {
    const result = parseImportFile("bad.jsonl", fixture("bad.jsonl"));
    expect(result).toEqual({
      articles: [],
      errors: [
        { file: "bad.jsonl", line: 2, reason: "invalid JSON (Unterminated string in JSON at position 19)" },
        { file: "bad.jsonl", line: 3, field: "text", reason: "missing field text" },
        { file: "bad.jsonl", line: 4, field: "published_at", reason: "field published_at: not a valid date" },
        { file: "bad.jsonl", line: 5, field: "title", reason: "field title: expected string, got number" },
        { file: "bad.jsonl", line: 5, field: "url", reason: "field url: not a valid http(s) URL" },
        { file: "bad.jsonl", line: 6, reason: "record is not a JSON object" },
        { file: "bad.jsonl", line: 8, field: "text", reason: "missing field text" },
      ],
    });
    expect(result.errors.map(formatImportError).slice(0, 2)).toEqual([
      "bad.jsonl line 2: invalid JSON (Unterminated string in JSON at position 19)",
      "bad.jsonl line 3: missing field text",
    ]);
  });

  it("reports a line cut at the end of the file", () => {
    expect(parseImportFile("cut.jsonl", utf8('{"text": "one"}\n{"text": ')).errors).toEqual([
      { file: "cut.jsonl", line: 2, reason: "invalid JSON (Unexpected end of JSON input)" },
    ]);
  });

  it("rejects an over-long article naming its line", () => {
    expect(parseImportFile("l.jsonl", utf8('{"text":"abcdef"}'), { maxArticleChars: 5 }).errors).toEqual([
      { file: "l.jsonl", line: 1, field: "text", reason: "text is 6 characters, over the limit maxArticleChars (5)" },
    ]);
  });

  it("rejects a file without records and a binary file", () => {
    expect(parseImportFile("e.jsonl", utf8("\n \n")).errors).toEqual([{ file: "e.jsonl", reason: "file has no records" }]);
    expect(parseImportFile("b.jsonl", fixture("binary.txt")).errors).toEqual([{ file: "b.jsonl", reason: "file is not UTF-8 text" }]);
  });
});

describe("doccano", () => {
  it("converts code point offsets after emoji to UTF-16 and reads document labels", () => {
    const { articles, errors } = parseImportFile("doccano.jsonl", fixture("doccano.jsonl"));
    expect(errors).toEqual([]);
    const text = "😀 Great win for 🇺🇸 Smith today";
    expect(articles).toEqual([
      {
        title: text,
        text,
        externalId: "1",
        labels: [
          { kind: "span", annotator: "alice", start: 22, end: 27, label: "PERSON" },
          { kind: "span", annotator: "alice", start: 0, end: 2, label: "EMOJI" },
        ],
        source: { file: "doccano.jsonl", line: 1 },
      },
      {
        title: "Taxes rise again",
        text: "Taxes rise again",
        externalId: "2",
        labels: [
          { kind: "document", annotator: "doccano", label: "economy" },
          { kind: "document", annotator: "doccano", label: "negative" },
        ],
        source: { file: "doccano.jsonl", line: 2 },
      },
    ]);
    expect(text.slice(22, 27)).toBe("Smith");
    expect(text.slice(0, 2)).toBe("😀");
  });

  it("reports every bad label of a record", () => {
    expect(parseImportFile("d.jsonl", fixture("doccano-bad.jsonl")).errors).toEqual([
      { file: "d.jsonl", line: 1, field: "label.0", reason: "field label.0: span [2, 99) is outside the text (5 code points)" },
      { file: "d.jsonl", line: 1, field: "label.1", reason: "field label.1: span [3, 1) is empty or reversed" },
      { file: "d.jsonl", line: 1, field: "label.2", reason: "field label.2: empty label" },
      { file: "d.jsonl", line: 1, field: "label.4", reason: "field label.4: expected [start, end, label] or a label name" },
    ]);
  });

  it("keeps span offsets on the same characters when CRLF is normalised", () => {
    // Code points: \r0 \n1 A2 \r3 \n4 B5 _6 👍7 _8 C9.
    const rec = {
      text: "\r\nA\r\nB 👍 C",
      label: [
        [7, 8, "E"],
        [9, 10, "C"],
      ],
    };
    const [article] = parseImportFile("n.jsonl", utf8(JSON.stringify(rec))).articles;
    expect(article?.text).toBe("A\nB 👍 C");
    expect(article?.labels).toEqual([
      { kind: "span", annotator: "doccano", start: 4, end: 6, label: "E" },
      { kind: "span", annotator: "doccano", start: 7, end: 8, label: "C" },
    ]);
    expect(article?.text.slice(4, 6)).toBe("👍");
  });
});

describe("Label Studio (.json)", () => {
  it("imports tasks: data fields, span and choice labels per annotator, predictions, cancelled skipped", () => {
    expect(parseImportFile("label-studio.json", fixture("label-studio.json"))).toEqual({
      articles: [
        {
          title: "Mayor greets",
          text: "Héllo 👋 world, the mayor said.\nSecond line.",
          url: "https://city.example/a",
          publishedAt: "2024-01-02T03:04:05.000Z",
          externalId: "101",
          labels: [
            { kind: "span", annotator: "labelstudio:7", start: 9, end: 14, label: "PLACE" },
            { kind: "document", annotator: "labelstudio:7", label: "favorable" },
            { kind: "span", annotator: "labelstudio:b@example.org", start: 20, end: 25, label: "ROLE" },
            { kind: "document", annotator: "labelstudio-prediction", label: "neutral" },
          ],
          source: { file: "label-studio.json", line: 2 },
        },
        {
          // An older export with UTF-16 offsets, recognised because `text` matches that slice only.
          title: "Old export 👋 offsets here",
          text: "Old export 👋 offsets here",
          externalId: "102",
          labels: [{ kind: "span", annotator: "labelstudio:1", start: 14, end: 21, label: "X" }],
          source: { file: "label-studio.json", line: 92 },
        },
      ],
      errors: [],
    });
  });

  it("rejects a region whose text matches neither offset unit, and a region without labels", () => {
    const task = {
      data: { text: "abc def" },
      annotations: [
        { completed_by: 1, result: [{ type: "labels", value: { start: 0, end: 3, text: "xyz", labels: ["A"] } }] },
        { completed_by: 2, result: [{ type: "labels", value: { start: 0, end: 3 } }] },
      ],
    };
    expect(parseImportFile("t.json", utf8(JSON.stringify([task]))).errors).toEqual([
      {
        file: "t.json",
        line: 1,
        record: 0,
        field: "annotations.0.result.0.value",
        reason: 'field annotations.0.result.0.value: text "xyz" does not match offsets [0, 3)',
      },
      {
        file: "t.json",
        line: 1,
        record: 0,
        field: "annotations.1.result.0.value.labels",
        reason: "missing field annotations.1.result.0.value.labels",
      },
    ]);
  });
});

describe("record shapes", () => {
  it("treats a record with its own text as plain even when it has a data object", () => {
    const { articles } = parseImportFile("p.jsonl", utf8('{"text":"Body","data":{"x":1}}'));
    expect(articles).toEqual([{ title: "Body", text: "Body", source: { file: "p.jsonl", line: 1 } }]);
  });
});

describe(".json", () => {
  it("imports a single object", () => {
    expect(parseImportFile("records.json", fixture("records.json"))).toEqual({
      articles: [{ title: "Single", text: "A single object record.", source: { file: "records.json", line: 1 } }],
      errors: [],
    });
  });

  it("names the record index (and its line) of every bad element", () => {
    const result = parseImportFile("bad.json", fixture("bad.json"));
    expect(result).toEqual({
      articles: [],
      errors: [
        { file: "bad.json", line: 5, record: 1, field: "published_at", reason: "field published_at: not a valid date" },
        { file: "bad.json", line: 9, record: 2, reason: "record is not a JSON object" },
        { file: "bad.json", line: 10, record: 3, field: "data.text", reason: "missing field data.text" },
      ],
    });
    expect(formatImportError(result.errors[0]!)).toBe("bad.json line 5, record 1: field published_at: not a valid date");
  });

  it("reports truncated JSON with its line", () => {
    expect(parseImportFile("truncated.json", fixture("truncated.json"))).toEqual({
      articles: [],
      errors: [{ file: "truncated.json", line: 3, reason: "invalid JSON (Unterminated string in JSON at position 35)" }],
    });
  });

  it("rejects a top-level value that is not a record", () => {
    expect(parseImportFile("n.json", utf8("42")).errors).toEqual([
      { file: "n.json", reason: "expected an array of records or one record object" },
    ]);
  });

  it("finds the line of each array element, strings with brackets included", () => {
    expect(arrayElementLines('[\n{"a": "[,{"},\n\n 3, "x\\"]",\n[1,\n2]]')).toEqual([2, 4, 4, 5]);
  });
});

describe("record parser extension point", () => {
  it("tries parsers in order, so a Slant export parser placed first wins", () => {
    const slant: RecordParser = {
      name: "slant-export",
      accepts: (r) => r.format === "slant",
      parse: (r) => ({ ok: true, article: { title: "S", text: String(r.text) } }),
    };
    const bytes = utf8('{"format":"slant","text":"x","label":["ignored"]}\n{"text":"plain"}');
    const { articles } = parseJsonlFile("s.jsonl", bytes, DEFAULT_IMPORT_LIMITS, [slant, ...RECORD_PARSERS]);
    expect(articles.map((a) => [a.title, a.text])).toEqual([
      ["S", "x"],
      ["plain", "plain"],
    ]);
    expect(RECORD_PARSERS.map((p) => p.name)).toEqual(["slant-sentences", "label-studio", "doccano", "plain"]);
  });
});
