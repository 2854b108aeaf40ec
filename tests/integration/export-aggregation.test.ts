/**
 * The dataset package's model-based labels (aggregated.jsonl, annotators.json) for the export
 * fixture's project: the votes majority counts, the loader's figures, and the blind rule.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { useTestDatabase } from "../support/db";
import { buildExportFixture, collect, type ExportFixture } from "../support/export-fixture";
import type { Actor } from "@/server/auth/actor";
import { getLabelAggregation, streamExport } from "@/server/export";
import { NotFoundError } from "@/server/errors";
import { aggregatedLines, annotatorsJson } from "@/lib/export/aggregation-files";
import { AGGREGATION_UNAVAILABLE } from "@/lib/export/card";

useTestDatabase();

let f: ExportFixture;
beforeAll(async () => {
  f = await buildExportFixture("agg");
});

async function packageFiles(actor: Actor) {
  const file = await streamExport(actor, f.projectId, { format: "package" }, { pageSize: 1 });
  const files = unzipSync(await collect(file.chunks));
  return {
    aggregated: strFromU8(files["aggregated.jsonl"]!),
    annotators: JSON.parse(strFromU8(files["annotators.json"]!)),
    sentences: strFromU8(files["sentences.jsonl"]!)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)),
    card: strFromU8(files["README.md"]!),
  };
}

describe("model-based labels in the dataset package", () => {
  it("one line per rated sentence × dimension × target, with majority and gold as the sentence records have them", async () => {
    const p = await packageFiles(f.manager);
    const lines = p.aggregated
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const at = (index: number, dimension: string, target: string | null = null) =>
      lines.find((l) => l.sentence_index === index && l.dimension === dimension && l.target === target);
    // Sentence 0: both annotators agree; gold decided.
    expect(at(0, "sourcing")).toMatchObject({
      document_id: f.documentId,
      ratings: 2,
      gold: "paraphrased_attribution",
      majority: "paraphrased_attribution",
      mace_label: "paraphrased_attribution",
      dawid_skene_label: "paraphrased_attribution",
    });
    // Azerbaijan on sentence 0: ana confirmed without a stance ("none"), ben said "neutral": no majority.
    expect(at(0, "stance", "azerbaijan")).toMatchObject({ ratings: 2, majority: null, gold: "none" });
    // Sentence 1: ana confirmed (stance "none", flag false), ben did not confirm but set the flag.
    expect(at(1, "stance", "armenia")).toMatchObject({ ratings: 1, majority: null, mace_label: "none", dawid_skene_label: "none" });
    expect(at(1, "flag")).toMatchObject({ ratings: 2, majority: null });
    expect(Object.keys(at(1, "flag").mace_posterior)).toEqual(["false", "true"]);
    // Sentence 2: ana's sourcing without confirmation is a vote; her stance there is not annotated.
    expect(at(2, "sourcing")).toMatchObject({ ratings: 1, majority: null, mace_label: "unattributed_claim" });
    expect(at(2, "stance", "armenia")).toBeUndefined();
    for (const l of lines) {
      for (const post of [l.mace_posterior, l.dawid_skene_posterior]) {
        expect(Object.values(post as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      // the same sentence and majority as in sentences.jsonl
      const r = p.sentences.find((s) => s.document.id === l.document_id && s.sentence_index === l.sentence_index);
      const m = r.majority?.[l.dimension] ?? null; // null with fewer than two annotators
      expect(l.majority).toBe(l.target === null || m === null ? m : m[l.target]);
    }
    expect(lines.every((l) => l.dimension !== "spans" && l.dimension !== "note")).toBe(true);

    // The loader a page or the API would call gives the same figures.
    const agg = (await getLabelAggregation(f.manager, f.projectId))!;
    expect([...aggregatedLines(agg)].join("")).toBe(p.aggregated);
    expect(JSON.parse(annotatorsJson(agg, ""))).toEqual(p.annotators);
    expect(p.annotators.annotators.filter((r: { dimension: string }) => r.dimension === "sourcing")).toEqual([
      expect.objectContaining({ annotator: "annotator_1", ratings: 3 }),
      expect.objectContaining({ annotator: "annotator_2", ratings: 2 }),
    ]);
    expect(p.card).toContain("## Model-based labels (MACE, Dawid–Skene) and annotator competence");
    expect(p.card).toContain("10 random restarts from seed 1");
    expect(p.card).toContain("statistical estimates, not anyone's labels");
  });

  it("an annotator of a blind project gets no model labels or competences; strangers get not found", async () => {
    const p = await packageFiles(f.ana);
    expect(p.aggregated).toBe("");
    expect(p.annotators).toEqual({ unavailable: AGGREGATION_UNAVAILABLE });
    expect(p.card).toContain(AGGREGATION_UNAVAILABLE);
    expect(await getLabelAggregation(f.ana, f.projectId)).toBeNull();
    await expect(getLabelAggregation(f.stranger, f.projectId)).rejects.toThrow(NotFoundError);
  });
});
