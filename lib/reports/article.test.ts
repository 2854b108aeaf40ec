import { describe, expect, it } from "vitest";
import { articleReport } from "./article";
import { describeBasis } from "./basis";
import { sourceRowsCsv } from "./csv";
import { resolveSegments } from "./resolve";
import { DIMS, INPUT, REPORT_LABELS } from "./fixture.test-helpers";
import { sourceNameKey, sourceResolver } from "@/lib/sources/names";

const doc = { id: "d1", title: "Fictional report", outlet: "Outlet A (test)", story: "Ganja", publishedAt: null };
const report = (annotator?: string) => articleReport(doc, resolveSegments(DIMS, INPUT, { annotator }), REPORT_LABELS);

// Every number below is worked out by hand from fixture.test-helpers.ts (see the comments there).
describe("articleReport", () => {
  const r = report();

  it("counts sentences, words, attributed and unattributed sentences", () => {
    expect([r.sentences, r.words]).toEqual([6, 37]);
    expect(r.attributed).toMatchObject({
      sentences: 3,
      words: 20,
      direct: { sentences: 1, words: 6 },
      paraphrased: { sentences: 2, words: 14 },
    });
    expect(r.unattributed).toMatchObject({
      sentences: 1,
      words: 6,
      examples: [{ index: 5, text: "The strikes were brutal and senseless." }],
    });
    expect(r.unresolvedSourcing).toBe(1);
  });

  it("lists every source with its sentences and words, direct vs paraphrased, type and side", () => {
    expect(r.sources.map(({ basis, ...s }) => [s, describeBasis(basis)])).toEqual([
      [
        {
          key: "ilham aliyev",
          name: "Ilham Aliyev",
          names: ["Ilham Aliyev"],
          entry: null,
          type: "government_official",
          side: "azerbaijan",
          types: ["government_official"],
          sides: ["azerbaijan"],
          sentences: 2,
          words: 13,
          direct: { sentences: 1, words: 6 },
          paraphrased: { sentences: 1, words: 7 },
          sentenceIndexes: [1, 2],
        },
        "gold 4 · majority 4",
      ],
      [
        {
          key: "unnamed:armenia",
          name: null,
          names: [],
          entry: null,
          type: null,
          side: "armenia",
          types: [],
          sides: ["armenia"],
          sentences: 1,
          words: 7,
          direct: { sentences: 0, words: 0 },
          paraphrased: { sentences: 1, words: 7 },
          sentenceIndexes: [3],
        },
        "majority · 1 unresolved",
      ],
    ]);
    expect(r.firstSource).toEqual({ key: "ilham aliyev", name: "Ilham Aliyev", side: "azerbaijan", sentenceIndex: 1 });
  });

  it("gives shares per side (sentences, words, distinct sources), every target included", () => {
    expect(r.sides.map(({ basis: _basis, ...s }) => s)).toEqual([
      {
        side: "armenia",
        label: "Armenia",
        isTarget: true,
        sentences: 1,
        words: 7,
        sources: 1,
        sourceKeys: ["unnamed:armenia"],
        direct: 0,
        paraphrased: 1,
        sentenceShare: 1 / 3,
        wordShare: 7 / 20,
      },
      {
        side: "azerbaijan",
        label: "Azerbaijan",
        isTarget: true,
        sentences: 2,
        words: 13,
        sources: 1,
        sourceKeys: ["ilham aliyev"],
        direct: 1,
        paraphrased: 1,
        sentenceShare: 2 / 3,
        wordShare: 13 / 20,
      },
    ]);
    expect(describeBasis(r.sides[1]!.basis)).toBe("gold 2 · majority 2");
  });

  it("counts stance per target with a net score, and loaded-language density", () => {
    expect(r.stance.map(({ basis, ...s }) => [s, describeBasis(basis)])).toEqual([
      [
        { target: "armenia", label: "Armenia", counts: { favorable: 1, unfavorable: 1 }, favorable: 1, unfavorable: 1, total: 2, net: 0 },
        "majority",
      ],
      [{ target: "azerbaijan", label: "Azerbaijan", counts: { favorable: 1 }, favorable: 1, unfavorable: 0, total: 1, net: 1 }, "majority"],
    ]);
    expect(r.loaded).toEqual({ spans: 1, words: 1, per100Words: 100 / 37, basis: { gold: 0, majority: 6, annotator: 0, unresolved: 0 } });
  });

  it("says it in one line", () => {
    expect(r.summary).toBe(
      "2 of 3 attributed sentences quote the Azerbaijan side, 1 quotes the Armenia side; " +
        "1 unattributed claim: “The strikes were brutal and senseless.”; 1 sentence without a resolved sourcing label.",
    );
  });

  it("with a chosen annotator, the tie on sentence 4 is that annotator's paraphrase of an unnamed Armenian source", () => {
    const u2 = report("u2");
    expect(u2.unresolvedSourcing).toBe(0);
    expect(u2.sources[1]).toMatchObject({ key: "unnamed:armenia", sentences: 2, words: 11, sentenceIndexes: [3, 4] });
    expect(u2.sides[0]).toMatchObject({ side: "armenia", sentences: 2, sentenceShare: 2 / 4 });
    expect(describeBasis(u2.sides[0]!.basis)).toBe("majority 2 · one annotator 2");
    expect(u2.summary).toBe(
      "2 of 4 attributed sentences quote the Armenia side, 2 quote the Azerbaijan side; 1 unattributed claim: “The strikes were brutal and senseless.”.",
    );
  });

  it("names a side nobody quotes, and an article without sources", () => {
    const onlyAz = articleReport(doc, resolveSegments(DIMS, { ...INPUT, segments: INPUT.segments.slice(0, 3) }), REPORT_LABELS);
    expect(onlyAz.summary).toBe("2 of 2 attributed sentences quote the Azerbaijan side; the Armenia side is never quoted.");
    const none = articleReport(doc, [], REPORT_LABELS);
    expect(none.summary).toBe("No sentence quotes or paraphrases a source.");
    expect(none.loaded.per100Words).toBeNull();
    expect(none.stance[0]!.net).toBeNull();
  });
});

describe("sourceRowsCsv", () => {
  it("writes one row per article × source, with where its labels came from", () => {
    expect(sourceRowsCsv([report()]).split("\r\n")).toEqual([
      "document_id,document_title,outlet,story,published_at,source_key,source_name,source_type,source_side,sentences,words,direct_sentences,direct_words,paraphrased_sentences,paraphrased_words,sentence_indexes,labels",
      "d1,Fictional report,Outlet A (test),Ganja,,ilham aliyev,Ilham Aliyev,government_official,azerbaijan,2,13,1,6,1,7,1 2,gold 4 · majority 4",
      "d1,Fictional report,Outlet A (test),Ganja,,unnamed:armenia,,,armenia,1,7,0,0,1,7,3,majority · 1 unresolved",
      "",
    ]);
  });
});

describe("articleReport with a source ledger", () => {
  const aliyev = { id: "e1", name: "Ilham Aliyev (ledger)", type: "government_official", side: "armenia" };
  const ledger = sourceResolver(
    [aliyev],
    ["Aliyev", "Ilham Aliyev", "Azerbaijan's President"].map((n) => ({ key: sourceNameKey(n), sourceId: "e1" })),
  );

  it("groups a source's names under its entry and says where the labels' type or side differ from the entry's", () => {
    const r = articleReport(doc, resolveSegments(DIMS, INPUT, { ledger }), REPORT_LABELS, ledger);
    const row = r.sources[0]!;
    expect([row.key, row.name, row.sentences, row.sentenceIndexes]).toEqual(["source:e1", "Ilham Aliyev (ledger)", 2, [1, 2]]);
    // The labels say azerbaijan, the ledger armenia; the type agrees.
    expect(row.entry).toEqual({ ...aliyev, typeDiffers: false, sideDiffers: true });
    expect(r.firstSource?.key).toBe("source:e1");
    expect(r.sources[1]!.entry).toBeNull();
  });

  it("counts the aliases of one entry as one answer when annotators vote on a name", () => {
    const names: Record<string, string> = { u1: "Aliyev", u2: "Azerbaijan’s President", u3: "Nikol Pashinyan" };
    const input = {
      ...INPUT,
      labels: INPUT.labels.map((l) => (l.segmentId === "s1" && l.dimension === "source_name" ? { ...l, value: names[l.userId] } : l)),
    };
    // Three different names: no majority without the ledger (sentence 1 has no gold).
    expect(resolveSegments(DIMS, input)[1]!.sourceName).toEqual({ value: null, basis: "unresolved" });
    const resolved = resolveSegments(DIMS, input, { ledger })[1]!.sourceName;
    expect(resolved.basis).toBe("majority");
    expect(ledger.resolve(resolved.value!)).toEqual(aliyev);
  });
});
