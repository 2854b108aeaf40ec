import { describe, expect, it } from "vitest";
import { sourcingDimensions } from "./roles";
import { newsStanceSourcingTemplate, sentenceBiasTemplate } from "./templates";
import type { LabelSchema } from "./schema";

describe("sourcingDimensions", () => {
  it("finds every role in the news template", () => {
    expect(sourcingDimensions(newsStanceSourcingTemplate())).toEqual({
      sourcing: {
        dimension: "sourcing",
        direct: "direct_quote",
        paraphrased: "paraphrased_attribution",
        unattributed: "unattributed_claim",
      },
      sourceName: { dimension: "source_name" },
      sourceType: { dimension: "source_type" },
      sourceSide: { dimension: "source_side" },
      stance: { dimension: "stance", favorable: "favorable", unfavorable: "unfavorable" },
      loadedLanguage: { dimension: "spans", value: "loaded_language" },
      missing: [],
    });
  });

  it("finds renamed dimensions by kind, values and dependence on sourcing", () => {
    const s = newsStanceSourcingTemplate();
    const rename: Record<string, string> = {
      sourcing: "attribution",
      source_type: "speaker_kind",
      source_side: "speaks_for",
      stance: "tone",
      spans: "marks",
      source_name: "speaker",
    };
    const renamed: LabelSchema = {
      ...s,
      dimensions: s.dimensions.map((d) => {
        const id = rename[d.id] ?? d.id;
        const required = typeof d.required === "object" ? { when: { ...d.required.when, dimension: "attribution" } } : d.required;
        return { ...d, id, required } as typeof d;
      }),
    };
    const r = sourcingDimensions(renamed);
    expect(r.missing).toEqual([]);
    expect([r.sourcing?.dimension, r.sourceType?.dimension, r.sourceSide?.dimension, r.stance?.dimension]).toEqual([
      "attribution",
      "speaker_kind",
      "speaks_for",
      "tone",
    ]);
    expect(r.loadedLanguage?.dimension).toBe("marks");
    expect(r.sourceName?.dimension).toBe("speaker"); // the text dimension that suggests names, not "note"
  });

  it("says which roles a schema without sourcing lacks, and never takes a note for a source name", () => {
    const r = sourcingDimensions(sentenceBiasTemplate());
    expect(r.sourcing).toBeNull();
    expect(r.sourceName).toBeNull();
    expect(r.sourceType).toBeNull(); // "bias" and "opinion" are single dimensions, but not about a source
    expect(r.loadedLanguage).toEqual({ dimension: "spans", value: "loaded_language" });
    expect(r.missing.map((m) => m.role)).toEqual(["sourcing", "source_name", "source_type", "source_side", "stance"]);
    expect(r.missing[0]!.reason).toBe("the label schema has no sourcing (direct quote / paraphrase / unattributed) dimension");
  });

  it("refuses to guess between two candidates without the usual id", () => {
    const s = newsStanceSourcingTemplate();
    const stance = s.dimensions.find((d) => d.id === "stance")!;
    const two: LabelSchema = {
      ...s,
      dimensions: [...s.dimensions.filter((d) => d.id !== "stance"), { ...stance, id: "tone_a" }, { ...stance, id: "tone_b" }],
    };
    const r = sourcingDimensions(two);
    expect(r.stance).toBeNull();
    expect(r.missing).toEqual([
      { role: "stance", reason: "2 dimensions could be the stance per target (tone_a, tone_b) and none has the id stance" },
    ]);
  });
});
