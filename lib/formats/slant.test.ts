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
