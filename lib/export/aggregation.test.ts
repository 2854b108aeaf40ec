import { describe, expect, it } from "vitest";
import type { LabelSchema } from "@/lib/schema/schema";
import { aggregateBatches, type LabelAggregation } from "./aggregation";
import { aggregatedLines, annotatorsJson } from "./aggregation-files";
import { createRecordBuilder } from "./records";
import type { DocumentBatch, ExportAnnotation, ExportContext, ExportStatus } from "./types";

/**
 * A hand-made project: three careful annotators (good1–3) who give the true tone, and one (bad)
 * who always gives another one. 30 sentences rated by all four, then 6 rated only by good1 and
 * bad: a 1–1 split, so no majority, while the models know whom to believe.
 */
const schema = {
  version: 1,
  dimensions: [
    { id: "tone", label: "Tone", kind: "single", required: "never", values: ["pos", "neg", "neu"].map((id) => ({ id, label: id })) },
    { id: "stance", label: "Stance", kind: "per_target", required: "never", values: ["fav", "unf"].map((id) => ({ id, label: id })) },
    { id: "note", label: "Note", kind: "text", required: "never", maxLength: 500 },
  ],
} as unknown as LabelSchema;
const TONES = ["pos", "neg", "neu"];
const USERS = ["good1", "good2", "good3", "bad"];

function ctx(): ExportContext {
  return {
    project: { id: "p", slug: "p", name: "P", description: "", guidelines: "", suggestionsShown: true, suggestionsOffSince: null },
    schema,
    targets: [
      { key: "a", name: "A" },
      { key: "b", name: "B" },
    ],
    annotators: USERS.map((u, i) => ({ userId: u, pseudonym: `annotator_${i + 1}` })),
    includeGold: true,
    includeEmails: false,
  };
}

const at = new Date("2026-01-01T00:00:00Z");
const tone = (segmentId: string, userId: string, value: string): ExportAnnotation => ({
  segmentId,
  userId,
  dimension: "tone",
  target: "",
  value,
  updatedAt: at,
});

function fixture(): DocumentBatch {
  const n = 36;
  const text = Array.from({ length: n }, (_, i) => `Sentence ${i}.`).join(" ");
  const segments = Array.from({ length: n }, (_, i) => {
    const start = text.indexOf(`Sentence ${i}.`);
    return {
      id: `s${i}`,
      index: i,
      start,
      end: start + `Sentence ${i}.`.length,
      paragraph: 0,
      isBoilerplate: false,
      boilerplateReason: null,
      kind: null,
    };
  });
  const annotations: ExportAnnotation[] = [];
  for (let i = 0; i < n; i++) {
    const truth = i % 3;
    const raters = i < 30 ? USERS : ["good1", "bad"];
    for (const u of raters) annotations.push(tone(`s${i}`, u, TONES[u === "bad" ? (truth + 1) % 3 : truth]!));
  }
  // Stance on sentence 0: good1 says "fav" for a and confirmed for both targets (b: "none");
  // good2 confirmed covering target a only (a: "none"; b: not annotated, no vote).
  annotations.push({ segmentId: "s0", userId: "good1", dimension: "stance", target: "a", value: "fav", updatedAt: at });
  const statuses: ExportStatus[] = [
    { segmentId: "s0", userId: "good1", confirmedAt: at, confirmedTargets: new Set(["a", "b"]), updatedAt: at },
    { segmentId: "s0", userId: "good2", confirmedAt: at, confirmedTargets: new Set(["a"]), updatedAt: at },
  ];
  return {
    document: {
      id: "d1",
      externalId: null,
      title: "D",
      outlet: null,
      story: null,
      url: null,
      author: null,
      publishedAt: null,
      language: "en",
      text,
    },
    segments,
    annotations,
    statuses,
    gold: [{ segmentId: "s31", dimension: "tone", target: "", value: "neg" }],
    suggestions: [],
  };
}

const keyOf = (agg: LabelAggregation, dimension: string, target: string | null = null) =>
  agg.keys.find((k) => k.dimension === dimension && k.target === target)!;

describe("label aggregation of a project", () => {
  it("gives the annotator who always disagrees a low competence under both models", async () => {
    const agg = await aggregateBatches(ctx(), [fixture()]);
    const k = keyOf(agg, "tone");
    expect(Array.from(k.ratings)).toEqual([36, 30, 30, 36]);
    const [g1, g2, g3, bad] = Array.from(k.mace.competence);
    for (const g of [g1!, g2!, g3!]) expect(g).toBeGreaterThan(0.9);
    expect(bad).toBeLessThan(0.1);
    const acc = Array.from(k.dawidSkene.accuracy);
    for (const g of acc.slice(0, 3)) expect(g).toBeGreaterThan(0.95);
    expect(acc[3]).toBeLessThan(0.05);
  });

  it("labels a 1–1 split (no majority) with the competent annotator's value", async () => {
    const agg = await aggregateBatches(ctx(), [fixture()]);
    const k = keyOf(agg, "tone");
    const lines = [...aggregatedLines(agg)]
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const tones = lines.filter((l) => l.dimension === "tone");
    expect(tones).toHaveLength(36);
    for (const l of tones) {
      const truth = TONES[l.sentence_index % 3];
      expect([l.mace_label, l.dawid_skene_label]).toEqual([truth, truth]);
      if (l.sentence_index < 30) expect(l.majority).toBe(truth);
      else expect(l.majority).toBeNull(); // the models differ from majority exactly here
      expect(l.mace_posterior[truth!]).toBeGreaterThan(0.9);
      for (const p of [l.mace_posterior, l.dawid_skene_posterior]) {
        expect(Object.keys(p)).toEqual(TONES);
        expect(Object.values(p as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
    }
    expect(tones.find((l) => l.sentence_index === 31)).toMatchObject({ gold: "neg", ratings: 2, document_id: "d1" });
    expect(tones.find((l) => l.sentence_index === 30).gold).toBeNull();
    // the majority the records carry, unchanged
    const records = createRecordBuilder(ctx())(fixture());
    expect(Array.from(k.majority, (m) => (m < 0 ? null : k.classes[m]))).toEqual(records.map((r) => r.majority!.tone));
  });

  it("takes the votes majority takes: 'none' only for targets a confirmation covered; no item without a vote", async () => {
    const agg = await aggregateBatches(ctx(), [fixture()]);
    const a = keyOf(agg, "stance", "a");
    const b = keyOf(agg, "stance", "b");
    expect(a.classes).toEqual(["fav", "unf", "none"]);
    expect(Array.from(a.sentence)).toEqual([0]);
    expect(Array.from(a.itemStart)).toEqual([0, 2]); // good1 "fav", good2 "none"
    expect(Array.from(a.ratings)).toEqual([1, 1, 0, 0]);
    expect(Array.from(b.itemStart)).toEqual([0, 1]); // good1 "none"; good2's confirmation did not cover b
    expect(Array.from(b.ratings)).toEqual([1, 0, 0, 0]);
    expect(agg.keys.map((k) => `${k.dimension}:${k.target ?? ""}`)).toEqual(["tone:", "stance:a", "stance:b"]); // text has no label to vote on
  });

  it("annotators.json: per annotator and key with ratings; nobody's row where they gave no rating", async () => {
    const agg = await aggregateBatches(ctx(), [fixture()]);
    const json = JSON.parse(annotatorsJson(agg, ""));
    expect(json.models.mace).toMatchObject({ seed: 1, restarts: 10, iterations: 50 });
    expect(json.dimensions.map((d: { dimension: string; items: number }) => [d.dimension, d.items])).toEqual([
      ["tone", 36],
      ["stance", 1],
      ["stance", 1],
    ]);
    const rows = json.annotators.filter((r: { dimension: string }) => r.dimension === "tone");
    expect(rows.map((r: { annotator: string }) => r.annotator)).toEqual(["annotator_1", "annotator_2", "annotator_3", "annotator_4"]);
    expect(Object.keys(rows[3].dawid_skene_diagonal)).toEqual(TONES);
    expect(json.annotators.filter((r: { target: string | null }) => r.target === "b")).toHaveLength(1);
    expect(JSON.parse(annotatorsJson(null, "not for you"))).toEqual({ unavailable: "not for you" });
  });
});
