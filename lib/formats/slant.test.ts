import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSlantJsonl, slantSentenceRecordParser } from "./slant";
import { parseJsonlFile } from "./json";
import { DEFAULT_IMPORT_LIMITS } from "./types";

const utf8 = (s: string) => new TextEncoder().encode(s);
const doc = { id: "d1", external_id: null, title: "T", outlet: null, url: null, author: null, published_at: null, language: "en" };
const entry = (labels: Record<string, unknown>, confirmed = true) => ({
  annotator: "annotator_2",
  confirmed,
  updated_at: "2024-01-01T00:00:00.000Z",
  labels,
});
const line = (r: Record<string, unknown>) =>
  JSON.stringify({
    project: { id: "p", slug: "p", name: "P" },
    document: doc,
    paragraph: 0,
    is_boilerplate: false,
    annotations: [],
    gold: null,
    majority: null,
    ...r,
  });

describe("Slant JSONL export records", () => {
  it("rebuild documents with the same code-point offsets and stored-form labels", () => {
    const file = [
      line({
        sentence_index: 1,
        paragraph: 1,
        start: 12,
        end: 25,
        text: "Brutal 😀 war.",
        annotations: [
          entry({
            stance: { a: "none", b: "favorable" },
            spans: [{ start: 0, end: 6, label: "loaded_language", text: "Brutal" }],
            note: null,
          }),
        ],
      }),
      line({ sentence_index: 0, start: 0, end: 10, text: "Hé 👋🏽 you.", gold: { stance: { a: "none", b: null }, sourcing: "no_claim" } }),
    ].join("\n");
    const r = parseSlantJsonl(utf8(file));
    expect(r.errors).toEqual([]);
    const d = r.documents[0]!;
    expect(Array.from(d.text).slice(12, 25).join("")).toBe("Brutal 😀 war.");
    expect(d.text).toBe("Hé 👋🏽 you. \nBrutal 😀 war.");
    expect(d.segments.map((s) => [s.index, d.text.slice(s.start, s.end)])).toEqual([
      [0, "Hé 👋🏽 you."],
      [1, "Brutal 😀 war."],
    ]);
    const seg1 = d.segments[1]!;
    expect(d.labels).toEqual([
      { segmentIndex: 1, annotator: "annotator_2", dimension: "stance", target: "b", value: "favorable" },
      {
        segmentIndex: 1,
        annotator: "annotator_2",
        dimension: "spans",
        target: "",
        value: [{ start: seg1.start, end: seg1.start + 6, label: "loaded_language" }],
      },
    ]);
    expect(d.gold).toEqual([
      { segmentIndex: 0, annotator: "gold", dimension: "stance", target: "a", value: null },
      { segmentIndex: 0, annotator: "gold", dimension: "sourcing", target: "", value: "no_claim" },
    ]);
    expect(r.annotators).toEqual(["annotator_2"]);
  });

  it("reject the whole file with line numbers", () => {
    const r = parseSlantJsonl(utf8([line({ sentence_index: 0, start: 0, end: 3, text: "four" }), "{nope", '{"text":"plain"}'].join("\n")));
    expect(r.documents).toEqual([]);
    expect(new Set(r.errors.map((e) => e.line))).toEqual(new Set([1, 2, 3]));
    expect(r.errors.find((e) => e.line === 2)!.reason).toBe("invalid JSON");
    expect(r.errors.some((e) => e.line === 3 && /not a sentence of a Slant export/.test(e.reason))).toBe(true);
    expect(r.errors.some((e) => e.line === 1 && /do not match the length/.test(e.reason))).toBe(true);
    const span = parseSlantJsonl(
      utf8(
        line({
          sentence_index: 0,
          start: 0,
          end: 3,
          text: "abc",
          annotations: [entry({ spans: [{ start: 0, end: 2, label: "x", text: "bc" }] })],
        }),
      ),
    );
    expect(span.errors[0]!.reason).toMatch(/does not cover "bc"/);
  });

  it("are refused by the article import with a pointer to the import that keeps labels", () => {
    expect(slantSentenceRecordParser.accepts(JSON.parse(line({ sentence_index: 0, start: 0, end: 1, text: "a" })))).toBe(true);
    const r = parseJsonlFile("s.jsonl", utf8(line({ sentence_index: 0, start: 0, end: 1, text: "a" })), DEFAULT_IMPORT_LIMITS);
    expect(r.articles).toEqual([]);
    expect(r.errors[0]!.reason).toMatch(/import:slant/);
  });
});

/** A version 2 line: the version 1 fields and the whitespace around the sentence. */
const v2 = (r: Record<string, unknown>) =>
  line({ format_version: 2, whitespace_before: null, whitespace_after: "", boilerplate_reason: null, ...r });

describe("format versions", () => {
  // "Café 😀 opened." ⏎⏎ "Photo: AP" (boilerplate) ⏎ "Prices rose." ⏎
  const TEXT = "\u00a0Café 😀 opened.\n\nPhoto: AP\nPrices rose.\n";
  const v2File = [
    v2({ sentence_index: 0, start: 1, end: 15, text: "Café 😀 opened.", whitespace_before: "\u00a0", whitespace_after: "\n\n" }),
    v2({
      sentence_index: 1,
      paragraph: 1,
      start: 17,
      end: 26,
      text: "Photo: AP",
      is_boilerplate: true,
      boilerplate_reason: "caption",
      whitespace_after: "\n",
    }),
    v2({ sentence_index: 2, paragraph: 1, start: 27, end: 39, text: "Prices rose.", whitespace_after: "\n" }),
  ];

  it("version 2 rebuilds the text exactly: line breaks, paragraph breaks, boilerplate, emoji, accents", () => {
    const r = parseSlantJsonl(utf8(v2File.join("\n")));
    expect(r.errors).toEqual([]);
    expect(r.formatVersions).toEqual([2]);
    const d = r.documents[0]!;
    expect(d.text).toBe(TEXT);
    expect(d.segments.map((s) => [d.text.slice(s.start, s.end), s.paragraph, s.isBoilerplate, s.boilerplateReason])).toEqual([
      ["Café 😀 opened.", 0, false, null],
      ["Photo: AP", 1, true, "caption"],
      ["Prices rose.", 1, false, null],
    ]);
  });

  it("version 2 tolerates fields it does not know (later versions add some) and reads the ones it does", () => {
    const extra = v2File.map((l) => JSON.stringify({ ...JSON.parse(l), added_later: { x: 1 } }));
    const r = parseSlantJsonl(utf8(extra.join("\n")));
    expect(r.errors).toEqual([]);
    expect(r.documents[0]!.text).toBe(TEXT);
  });

  it("version 2 refuses a document with a sentence left out, saying how to export it whole", () => {
    const r = parseSlantJsonl(utf8([v2File[0], v2File[2]].join("\n")));
    expect(r.documents).toEqual([]);
    expect(r.errors).toEqual([{ line: 1, reason: expect.stringMatching(/sentence 1 is not in the file.*--include-boilerplate/) }]);
  });

  it("version 2 refuses whitespace that is not whitespace and offsets that do not match the text", () => {
    const text = parseSlantJsonl(
      utf8(v2({ sentence_index: 0, start: 0, end: 1, text: "a", whitespace_before: "", whitespace_after: " b" })),
    );
    expect(text.errors).toEqual([{ line: 1, reason: expect.stringMatching(/whitespace_after.*whitespace only/) }]);
    const shifted = v2File.map((l, i) => (i === 2 ? JSON.stringify({ ...JSON.parse(l), start: 28, end: 40 }) : l));
    expect(parseSlantJsonl(utf8(shifted.join("\n"))).errors).toEqual([
      { line: 3, reason: "sentence 2 starts at 28, but the text and whitespace before it end at 27" },
    ]);
  });

  it("version 3 keeps the segment kinds and checks the suggestions' shape without keeping them", () => {
    const suggestion = {
      provider: "rules",
      rule: "quote",
      dimension: "sourcing",
      target: null,
      value: "direct_quote",
      confidence: 0.9,
      evidence: { quotes: [[1, 4]] },
    };
    const v3 = (l: string, kind: string | null, suggestions: unknown[] = []) =>
      JSON.stringify({ ...JSON.parse(l), format_version: 3, kind, suggestions });
    const file = [v3(v2File[0]!, "sentence", [suggestion]), v3(v2File[1]!, "caption"), v3(v2File[2]!, null)];
    const r = parseSlantJsonl(utf8(file.join("\n")));
    expect(r.errors).toEqual([]);
    expect(r.formatVersions).toEqual([3]);
    expect(r.documents[0]!.text).toBe(TEXT);
    expect(r.documents[0]!.segments.map((s) => s.kind)).toEqual(["sentence", "caption", null]);
    const bad = parseSlantJsonl(utf8([v3(v2File[0]!, "sentence", [{ ...suggestion, confidence: 2 }]), file[1], file[2]].join("\n")));
    expect(bad.errors[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/suggestions\.0\.confidence: Too big/) });
    expect(parseSlantJsonl(utf8([v3(v2File[0]!, "paragraph"), file[1], file[2]].join("\n"))).errors[0]!.reason).toMatch(/kind/);
  });

  it("refuses versions it does not know, and a document that mixes versions", () => {
    const newer = parseSlantJsonl(utf8(v2({ format_version: 5, sentence_index: 0, start: 0, end: 1, text: "a" })));
    expect(newer.errors).toEqual([
      {
        line: 1,
        reason:
          "format_version 5: the file was written by a newer Slant; this one imports format versions 1, 2, 3 and 4 (update Slant to import it)",
      },
    ]);
    expect(parseSlantJsonl(utf8(v2({ format_version: "2", sentence_index: 0, start: 0, end: 1, text: "a" }))).errors[0]!.reason).toMatch(
      /format_version: must be one of 1, 2, 3 and 4/,
    );
    const mixed = parseSlantJsonl(utf8([v2File[0], line({ sentence_index: 1, start: 17, end: 26, text: "Photo: AP" })].join("\n")));
    expect(mixed.errors).toEqual([{ line: 2, reason: expect.stringMatching(/mixes format versions 2 and 1/) }]);
  });

  it("version 1 (a file written before format_version existed) still reads, with spaces between sentences", () => {
    const r = parseSlantJsonl(readFileSync(path.join(__dirname, "fixtures/slant-export-v1.jsonl")));
    expect(r.errors).toEqual([]);
    expect(r.formatVersions).toEqual([1]);
    expect(r.documents.map((d) => d.title)).toEqual(["Karabakh", "Other"]);
    expect(r.documents[1]!.text).toBe("Photo: Reuters \nAnother text entirely."); // the file did not say "\n\n"
    expect(r.documents[0]!.segments).toHaveLength(4);
    expect(r.documents[0]!.labels.length).toBeGreaterThan(10);
    expect(r.documents[0]!.gold).toHaveLength(3);
  });
});
