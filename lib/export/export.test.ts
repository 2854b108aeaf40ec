import { describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { newsStanceSourcingTemplate } from "@/lib/schema/templates";
import {
  codePointOffsets,
  createRecordBuilder,
  csvLongWriter,
  csvWideWriter,
  datasetCard,
  exportChunks,
  majorityLabels,
  writeText,
  zipStream,
  type DocumentBatch,
  type ExportContext,
} from "./index";
import { sentenceVerdicts } from "@/lib/review/majority";
import { wordTokens } from "@/lib/agreement/variables";

const TEXT = "Héllo 👋🏽 world. Brutal 😀 regime fell.";
const s1End = TEXT.indexOf("Brutal") - 1;

function ctx(over: Partial<ExportContext> = {}): ExportContext {
  return {
    project: { id: "p1", slug: "demo", name: "Demo", description: "", guidelines: "", suggestionsShown: true, suggestionsOffSince: null },
    schema: newsStanceSourcingTemplate(),
    targets: [
      { key: "armenia", name: "Armenia" },
      { key: "nato", name: "NATO" },
    ],
    annotators: [
      { userId: "u1", pseudonym: "annotator_1" },
      { userId: "u2", pseudonym: "annotator_2" },
      { userId: "u3", pseudonym: "annotator_3" },
    ],
    includeGold: true,
    includeEmails: false,
    ...over,
  };
}

const at = "2024-05-01T10:00:00.000Z";
const atD = new Date(at);
function batch(): DocumentBatch {
  const regime = TEXT.indexOf("regime");
  return {
    document: {
      id: "d1",
      externalId: "ext",
      title: "T",
      outlet: null,
      story: null,
      url: null,
      author: null,
      publishedAt: null,
      language: "en",
      text: TEXT,
    },
    segments: [
      { id: "s2", index: 1, start: s1End + 1, end: TEXT.length, paragraph: 0, isBoilerplate: false, boilerplateReason: null, kind: null },
      { id: "s1", index: 0, start: 0, end: s1End, paragraph: 0, isBoilerplate: false, boilerplateReason: null, kind: "sentence" },
    ],
    annotations: [
      { segmentId: "s1", userId: "u2", dimension: "stance", target: "armenia", value: "favorable", updatedAt: atD },
      {
        segmentId: "s1",
        userId: "u1",
        dimension: "stance",
        target: "armenia",
        value: "favorable",
        updatedAt: new Date("2024-05-02T10:00:00.000Z"),
      },
      { segmentId: "s1", userId: "u3", dimension: "stance", target: "armenia", value: "unfavorable", updatedAt: atD },
      {
        segmentId: "s2",
        userId: "u1",
        dimension: "spans",
        target: "",
        value: [{ start: regime, end: regime + 6, label: "loaded_language" }],
        updatedAt: atD,
      },
      { segmentId: "s2", userId: "u1", dimension: "note", target: "", value: '=1+1, "x"\nnext', updatedAt: atD },
      { segmentId: "s2", userId: "u9", dimension: "note", target: "", value: "not exported", updatedAt: atD },
    ],
    statuses: [
      { segmentId: "s1", userId: "u1", confirmedAt: atD, confirmedTargets: new Set(["armenia", "nato"]), updatedAt: atD },
      { segmentId: "s1", userId: "u2", confirmedAt: null, confirmedTargets: new Set(), updatedAt: atD },
    ],
    times: [
      { segmentId: "s1", userId: "u1", ms: 5300 },
      { segmentId: "s2", userId: "u9", ms: 99 }, // not an exported annotator
    ],
    gold: [{ segmentId: "s1", dimension: "stance", target: "nato", value: null }],
    suggestions: [
      {
        segmentId: "s2",
        dimension: "stance",
        target: "armenia",
        value: "unfavorable",
        confidence: 0.7,
        provider: "chat",
        rule: "chat:m",
        evidence: { cue: [TEXT.indexOf("regime") - s1End - 1, TEXT.indexOf("regime") - s1End + 5] },
      },
    ],
  };
}

function concat(chunks: (string | Uint8Array)[]): Uint8Array {
  const parts = chunks as Uint8Array[];
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of parts) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

async function all(it: AsyncIterable<string | Uint8Array>): Promise<(string | Uint8Array)[]> {
  const out: (string | Uint8Array)[] = [];
  for await (const c of it) out.push(c);
  return out;
}

describe("code point offsets", () => {
  it("maps UTF-16 offsets to code points, identity for text without surrogates", () => {
    const cp = codePointOffsets(TEXT);
    expect(cp(TEXT.indexOf("world"))).toBe(Array.from(TEXT.slice(0, TEXT.indexOf("world"))).length);
    expect(cp(TEXT.length)).toBe(Array.from(TEXT).length);
    expect(codePointOffsets("plain")(3)).toBe(3);
  });
});

describe("sentence records", () => {
  const [r0, r1] = createRecordBuilder(ctx())(batch());

  it("orders sentences and annotators, skips unknown annotators", () => {
    expect([r0!.sentence_index, r1!.sentence_index]).toEqual([0, 1]);
    expect(r0!.annotations.map((a) => a.annotator)).toEqual(["annotator_1", "annotator_2", "annotator_3"]);
    expect(r1!.annotations.map((a) => a.annotator)).toEqual(["annotator_1"]);
    expect(Array.from(TEXT).slice(r1!.start, r1!.end).join("")).toBe(r1!.text);
  });

  it("time per sentence per annotator entry, null where none was recorded", () => {
    expect(r0!.annotations.map((a) => [a.annotator, a.time_ms])).toEqual([
      ["annotator_1", 5300],
      ["annotator_2", null],
      ["annotator_3", null],
    ]);
    expect(r1!.annotations.map((a) => a.time_ms)).toEqual([null]);
  });

  it("each record says whether annotators were shown machine suggestions", () => {
    expect(r0!.project).toEqual({ id: "p1", slug: "demo", name: "Demo", suggestions_shown: true });
  });

  it("'none' only for confirmed sentences; null for unconfirmed ones and for gold without a row", () => {
    expect(r0!.annotations[0]).toMatchObject({
      confirmed: true,
      updated_at: "2024-05-02T10:00:00.000Z",
      labels: { stance: { armenia: "favorable", nato: "none" }, flag: false },
    });
    expect(r0!.annotations[1]).toMatchObject({ confirmed: false, labels: { stance: { armenia: "favorable", nato: null }, flag: null } });
    expect(r0!.gold).toMatchObject({ stance: { armenia: null, nato: "none" }, sourcing: null });
    expect(r1!.gold).toBeNull();
  });

  it("majority: more than half of those who gave a value, at least two", () => {
    expect(r0!.majority).toMatchObject({ stance: { armenia: "favorable", nato: null } });
    expect(r1!.majority).toBeNull();
    const e = (v: string) => ({ annotator: "a", confirmed: true, updated_at: at, time_ms: null, labels: { sourcing: v } });
    expect(majorityLabels(newsStanceSourcingTemplate().dimensions, [], [e("direct_quote"), e("no_claim")])!.sourcing).toBeNull();
  });

  it("spans in code points relative to the sentence, with their text", () => {
    const span = (r1!.annotations[0]!.labels.spans as { start: number; end: number; text: string }[])[0]!;
    expect(span.text).toBe("regime");
    expect(Array.from(r1!.text).slice(span.start, span.end).join("")).toBe("regime");
  });

  it("date range and 'done' keep or drop whole annotator entries", () => {
    const ranged = createRecordBuilder(ctx({ range: { from: "2024-05-02T00:00:00.000Z" } }))(batch());
    expect(ranged[0]!.annotations.map((a) => a.annotator)).toEqual(["annotator_1"]);
    const done = createRecordBuilder(ctx())({ ...batch(), doneBy: new Set(["u3"]) });
    expect(done[0]!.annotations.map((a) => a.annotator)).toEqual(["annotator_3"]);
  });

  it("carries the segment kind and the suggestions apart from the labels, evidence in code points of the sentence", () => {
    expect([r0!.kind, r1!.kind]).toEqual(["sentence", null]);
    expect(r0!.suggestions).toEqual([]);
    const [s] = r1!.suggestions;
    expect(s).toMatchObject({
      provider: "chat",
      rule: "chat:m",
      dimension: "stance",
      target: "armenia",
      value: "unfavorable",
      confidence: 0.7,
    });
    const [start, end] = s!.evidence!.cue!;
    expect(Array.from(r1!.text).slice(start, end).join("")).toBe("regime");
    expect(r1!.annotations.flatMap((a) => Object.values(a.labels.stance as object))).not.toContain("unfavorable");
  });

  it("leaves gold and majority out when asked (blind annotator)", () => {
    const own = createRecordBuilder(ctx({ includeGold: false }))(batch());
    expect(own.every((r) => r.gold === null && r.majority === null)).toBe(true);
  });
});

describe("CSV writers", () => {
  it("quote commas, quotes and newlines (RFC 4180); formulas neutralised only for spreadsheets", async () => {
    const text = (await all(writeText(ctx(), csvLongWriter(ctx()), [batch()]))).join("");
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength((3 + 1 + 1 + 1) * 9); // s1: 3 annotators + gold + majority; s2: 1; 9 keys (stance × 2 targets)
    expect(rows.find((r) => r.dimension === "note" && r.value)!.value).toBe(`=1+1, "x"\nnext`);
    const sheet = (await all(writeText(ctx(), csvLongWriter(ctx(), { forSpreadsheets: true }), [batch()]))).join("");
    const sheetRows = parseCsv(sheet, { columns: true }) as Record<string, string>[];
    expect(sheetRows.find((r) => r.dimension === "note" && r.value)!.value).toBe(`'=1+1, "x"\nnext`);
    expect(text.split("\r\n")[0]).toContain("annotator,confirmed,updated_at,time_ms,dimension,target,value");
  });

  it("wide: a row per sentence under a fixed header", async () => {
    const text = (await all(writeText(ctx(), csvWideWriter(ctx()), [batch()], { bom: true }))).join("");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text, { bom: true }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    expect(rows[0]![header!.indexOf("annotator_1.stance.nato")]).toBe("none");
  });
});

describe("zip and dataset card", () => {
  it("streams a zip entry by entry", async () => {
    const chunks = await all(
      zipStream([
        { name: "a.txt", content: () => ["hé", "llo"] },
        {
          name: "dir/b.bin",
          content: async function* () {
            yield new Uint8Array([1, 2, 3]);
          },
        },
      ]),
    );
    const files = unzipSync(concat(chunks));
    expect(strFromU8(files["a.txt"]!)).toBe("héllo");
    expect([...files["dir/b.bin"]!]).toEqual([1, 2, 3]);
  });

  it("writes a Hugging Face card with YAML header, features and labels", () => {
    const card = datasetCard(
      ctx({
        project: {
          id: "p",
          slug: "s",
          name: 'Say "hi"',
          description: "About.",
          guidelines: "",
          suggestionsShown: false,
          suggestionsOffSince: "2026-12-01T10:00:00.000Z",
        },
      }),
      { documents: 1, sentences: 2, languages: ["en-GB", "de"], firstLabelAt: at, lastLabelAt: at, exportedAt: at },
      "cc0-1.0",
      null,
      "agreement figures are shown to the project's managers and reviewers only",
    );
    expect(card).toMatch(/^---\nlicense: cc0-1.0\nlanguage:\n- de\n- en\n/);
    expect(card).toContain('pretty_name: "Say \\"hi\\""');
    expect(card).toContain("  - name: stance\n        struct:\n        - name: armenia\n          dtype: string\n");
    expect(card).toMatch(/\n---\n\n# Say "hi"\n\nAbout\./);
    expect(card).toContain("| `favorable` | Favorable |");
    expect(card).toContain("from 2024-05-01 to 2024-05-01");
    expect(card).toContain("- name: format_version\n    dtype: int64\n");
    expect(card).toContain("- name: whitespace_after\n    dtype: string\n");
    expect(card).toMatch(/## Format version and document text\n\nEach sentence record carries `format_version` \(4: this layout\)/);
    expect(card).toContain("  - name: suggestions\n    list:\n    - name: provider\n");
    expect(card).toContain("      - name: quotes\n        list:\n          list: int64\n");
    // An unaided study: the card says suggestions were off, since when, and where each record says it.
    expect(card).toContain("hold only what people said. Machine suggestions were turned off for this project on 2026-12-01");
    expect(card).toContain("`project.suggestions_shown`");
    expect(card).toContain("  - name: suggestions_shown\n      dtype: bool\n");
  });

  it("a package holds the data files, schema, guidelines, agreement and card", async () => {
    const chunks = await all(
      exportChunks("package", {
        ctx: ctx(),
        batches: async function* () {
          yield batch();
        },
        license: "mit",
        exportedAt: at,
      }),
    );
    const files = unzipSync(concat(chunks));
    expect(Object.keys(files)).toHaveLength(15);
    // Without the server's aggregation (lib/export/aggregation.test.ts tests it), no model labels.
    expect(strFromU8(files["aggregated.jsonl"]!)).toBe("");
    expect(JSON.parse(strFromU8(files["annotators.json"]!))).toEqual({ unavailable: "not computed for this export" });
    // Without reports from the server, reports/ has only its README, saying so.
    expect(strFromU8(files["reports/README.md"]!)).toContain("Not included: not computed for this export.");
    // Without the ledger from the server, sources/ has only ledger.json, saying so.
    expect(JSON.parse(strFromU8(files["sources/ledger.json"]!))).toEqual({ unavailable: "not computed for this export" });
    // Without acceptance figures from the server, the file says they were not computed.
    expect(JSON.parse(strFromU8(files["suggestion_acceptance.json"]!))).toEqual({ unavailable: "not computed for this export" });
    // Without figures from the agreement service (none given here), the package says so instead of computing its own.
    const agreement = JSON.parse(strFromU8(files["agreement.json"]!));
    expect(agreement).toEqual({
      definition: expect.stringMatching(/Agreement page/),
      unavailable: expect.stringMatching(/managers and reviewers/),
    });
    expect(strFromU8(files["README.md"]!)).toContain(
      "No agreement figures in this export: agreement figures are shown to the project's managers",
    );
    expect(JSON.parse(strFromU8(files["label_schema.json"]!)).targets).toHaveLength(2);
  });
});

describe("majority spans: the Review screen's (lib/review/majority.ts sentenceVerdicts), one mechanism", () => {
  // Written for Slant's tests. Sentence 0: two of three confirmed annotators mark "war crimes" (a
  // majority; one marks "ça 👋🏽" too). Sentence 1: a 1–1 split (a tie). Sentence 2: three annotators
  // mark three different words (no word has a majority, no tie). Sentence 3: one confirmed
  // annotator and one who did not confirm (only confirmed annotators vote).
  const text = "Ça 👋🏽 said war crimes were seen. Critics cried foul today. One two three words. Last bit here.";
  const bounds = ["Ça", "Critics", "One", "Last"].map((w, i, all) => ({
    start: text.indexOf(w),
    end: i + 1 < all.length ? text.indexOf(all[i + 1]!) - 1 : text.length,
  }));
  const sp = (word: string, label = "loaded_language") => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length, label });
  const spans: [number, string, unknown][] = [
    [0, "u1", [sp("war crimes"), sp("Ça 👋🏽")]],
    [0, "u2", [sp("war crimes", "loaded_language")]],
    [0, "u3", [sp("seen", "opinion_or_speculation")]],
    [1, "u1", [sp("cried foul")]],
    [1, "u2", [sp("Critics")]],
    [2, "u1", [sp("One")]],
    [2, "u2", [sp("two")]],
    [2, "u3", [sp("three")]],
    [3, "u1", [sp("Last")]],
    [3, "u2", [sp("here")]],
  ];
  const confirmedBy: Record<number, string[]> = { 0: ["u1", "u2", "u3"], 1: ["u1", "u2"], 2: ["u1", "u2", "u3"], 3: ["u1"] };
  const b: DocumentBatch = {
    ...batch(),
    document: { ...batch().document, text },
    segments: bounds.map((x, i) => ({
      id: `t${i}`,
      index: i,
      ...x,
      paragraph: 0,
      isBoilerplate: false,
      boilerplateReason: null,
      kind: null,
    })),
    annotations: spans.map(([i, userId, value]) => ({ segmentId: `t${i}`, userId, dimension: "spans", target: "", value, updatedAt: atD })),
    statuses: Object.entries(confirmedBy).flatMap(([i, users]) =>
      users.map((userId) => ({
        segmentId: `t${i}`,
        userId,
        confirmedAt: atD,
        confirmedTargets: new Set(["armenia", "nato"]),
        updatedAt: atD,
      })),
    ),
    gold: [],
    suggestions: [],
  };

  it("writes the majority spans the Review screen shows, [] when no word has a majority, null on a tie", () => {
    const schema = newsStanceSourcingTemplate();
    const recs = createRecordBuilder(ctx())(b);
    const cp = codePointOffsets(text);
    for (const [i, seg] of bounds.entries()) {
      const voters = confirmedBy[i]!.map(
        (u) => new Map<string, unknown>(spans.filter(([j, who]) => j === i && who === u).map(([, , v]) => ["spans:", v])),
      );
      const review = sentenceVerdicts(schema, ["armenia", "nato"], voters, wordTokens(text, seg.start, seg.end))["spans:"]!.majority!;
      const exported = recs[i]!.majority!.spans as { start: number; end: number; label: string; text: string }[] | null;
      const expected = review.tie
        ? null
        : ((review.value ?? []) as { start: number; end: number; label: string }[]).map((s) => ({
            start: cp(s.start) - cp(seg.start),
            end: cp(s.end) - cp(seg.start),
            label: s.label,
            text: text.slice(s.start, s.end),
          }));
      expect(exported, `sentence ${i}`).toEqual(expected);
    }
    // The cases the fixture is built for, in words.
    expect((recs[0]!.majority!.spans as { text: string }[]).map((s) => s.text)).toEqual(["war crimes"]);
    expect(recs[1]!.majority!.spans).toBeNull();
    expect(recs[2]!.majority!.spans).toEqual([]);
    expect((recs[3]!.majority!.spans as { text: string }[]).map((s) => s.text)).toEqual(["Last"]);
    // Python's text[start:end] on the sentence gives the span (code points).
    const s0 = recs[0]!.majority!.spans as { start: number; end: number }[];
    expect([...recs[0]!.text].slice(s0[0]!.start, s0[0]!.end).join("")).toBe("war crimes");
  });
});
