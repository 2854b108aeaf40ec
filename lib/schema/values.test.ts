import { describe, expect, it } from "vitest";
import { annotationKey } from "./helpers";
import { isSentenceComplete } from "./complete";
import { parseLabelSchema, type LabelSchema } from "./schema";
import { snapSpanToWords, validateAnnotationValue, type AnnotationContext } from "./values";
import { newsStanceSourcingTemplate, sentenceBiasTemplate } from "./templates";

const schema = newsStanceSourcingTemplate();
const prefix = "Headline here\n\n";
const sentence = "Armenia slammed the brutal attack on Ganja.";
const text = `${prefix}${sentence} Next sentence.`;
const seg = { start: prefix.length, end: prefix.length + sentence.length };
const ctx: AnnotationContext = { targets: ["armenia", "azerbaijan"], segment: seg, text };

const check = (dimension: string, target: string | null, value: unknown, c: AnnotationContext = ctx) =>
  validateAnnotationValue(schema, { dimension, target, value }, c);
const okValue = (r: ReturnType<typeof check>) => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const errorOf = (r: ReturnType<typeof check>) => (r.ok ? "(accepted)" : r.error);
const at = (word: string) => text.indexOf(word);

describe("validateAnnotationValue", () => {
  it("unknown dimension", () => {
    expect(errorOf(check("x", null, "a"))).toMatch(/^unknown dimension "x"/);
  });

  it("per_target: value, target and target presence", () => {
    expect(okValue(check("stance", "armenia", "favorable"))).toBe("favorable");
    expect(okValue(check("stance", "armenia", null))).toBeNull();
    expect(errorOf(check("stance", "armenia", "y"))).toBe('stance: value "y" is not one of favorable, unfavorable, neutral');
    expect(errorOf(check("stance", "z", "neutral"))).toMatch(/target "z" is not a target of this project/);
    expect(errorOf(check("stance", null, "neutral"))).toMatch(/per_target dimension needs a target/);
    expect(errorOf(check("stance", "", "neutral"))).toMatch(/per_target dimension needs a target/);
  });

  it("single: refuses targets and unknown values", () => {
    expect(okValue(check("sourcing", null, "direct_quote"))).toBe("direct_quote");
    expect(okValue(check("sourcing", "", "no_claim"))).toBe("no_claim");
    expect(errorOf(check("sourcing", "armenia", "no_claim"))).toMatch(/does not take a target/);
    expect(errorOf(check("sourcing", null, 3))).toMatch(/value 3 is not one of direct_quote, paraphrased_attribution/);
  });

  it("multi: sorted unique subset", () => {
    const parsed = parseLabelSchema({
      version: 1,
      name: "m",
      dimensions: [
        {
          id: "frames",
          label: "Frames",
          kind: "multi",
          values: [
            { id: "war", label: "War" },
            { id: "economy", label: "Economy" },
          ],
        },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const m: LabelSchema = parsed.schema;
    const r = validateAnnotationValue(m, { dimension: "frames", target: null, value: ["war", "economy", "war"] }, ctx);
    expect(r).toEqual({ ok: true, value: ["economy", "war"] });
    const bad = validateAnnotationValue(m, { dimension: "frames", target: null, value: ["war", "peace"] }, ctx);
    expect(bad).toEqual({ ok: false, error: 'frames: value "peace" is not one of war, economy' });
    expect(validateAnnotationValue(m, { dimension: "frames", target: null, value: "war" }, ctx).ok).toBe(false);
  });

  it("text: trims, clears when empty, enforces max length", () => {
    expect(okValue(check("source_name", null, "  Ilham Aliyev "))).toBe("Ilham Aliyev");
    expect(okValue(check("source_name", null, "   "))).toBeNull();
    expect(errorOf(check("source_name", null, "x".repeat(201)))).toBe("source_name: text is 201 characters long; the maximum is 200");
    expect(errorOf(check("note", null, 5))).toMatch(/expected text/);
  });

  it("target_choice: a target key or a fixed value", () => {
    expect(okValue(check("source_side", null, "azerbaijan"))).toBe("azerbaijan");
    expect(okValue(check("source_side", null, "independent_unclear"))).toBe("independent_unclear");
    expect(errorOf(check("source_side", null, "russia"))).toBe(
      'source_side: value "russia" is not one of armenia, azerbaijan, independent_unclear (a target of this project or a fixed value)',
    );
  });

  it("flag: boolean only", () => {
    expect(okValue(check("flag", null, true))).toBe(true);
    expect(errorOf(check("flag", null, "yes"))).toBe('flag: expected true or false, got "yes"');
  });

  it("span: snaps to words, sorts, merges per label", () => {
    const slammed = at("slammed");
    const brutal = at("brutal");
    const value = okValue(
      check("spans", null, [
        { start: brutal + 2, end: brutal + 4, label: "loaded_language" }, // "ut" → "brutal"
        { start: slammed, end: slammed + 7, label: "loaded_language" },
        { start: brutal, end: brutal + 6, label: "loaded_language" }, // duplicate after snapping
        { start: slammed - 1, end: slammed + 3, label: "opinion_or_speculation" }, // " sla" → "slammed"
      ]),
    );
    expect(value).toEqual([
      { start: slammed, end: slammed + 7, label: "loaded_language" },
      { start: slammed, end: slammed + 7, label: "opinion_or_speculation" },
      { start: brutal, end: brutal + 6, label: "loaded_language" },
    ]);
  });

  it("span: refuses spans outside the sentence, empty spans, bad labels and shapes", () => {
    expect(errorOf(check("spans", null, [{ start: seg.end + 2, end: seg.end + 12, label: "loaded_language" }]))).toBe(
      `spans: span ${seg.end + 2}–${seg.end + 12} is outside the sentence (${seg.start}–${seg.end})`,
    );
    expect(errorOf(check("spans", null, [{ start: seg.start + 3, end: seg.start + 3, label: "loaded_language" }]))).toMatch(/is empty/);
    const space = at(" slammed");
    expect(errorOf(check("spans", null, [{ start: space, end: space + 1, label: "loaded_language" }]))).toMatch(/only whitespace/);
    expect(errorOf(check("spans", null, [{ start: seg.start, end: seg.start + 3, label: "sarcasm" }]))).toMatch(
      /span label "sarcasm" is not one of loaded_language, opinion_or_speculation/,
    );
    expect(errorOf(check("spans", null, [{ start: 1.5, end: 3, label: "loaded_language" }]))).toMatch(/integer start and end/);
    expect(errorOf(check("spans", null, { start: 1, end: 3 }))).toMatch(/expected a list of spans/);
    expect(okValue(check("spans", null, []))).toEqual([]);
  });
});

describe("snapSpanToWords", () => {
  it("expands to the enclosing words and trims whitespace", () => {
    const t = "The   quick brown fox";
    const b = { start: 0, end: t.length };
    expect(snapSpanToWords(t, 5, 8, b)).toEqual({ start: 6, end: 11 }); // "  q" → "quick"
    expect(snapSpanToWords(t, 7, 14, b)).toEqual({ start: 6, end: 17 }); // "uick br" → "quick brown"
    expect(snapSpanToWords(t, 3, 6, b)).toBeNull(); // only spaces
  });

  it("keeps apostrophes in words and stays inside the bounds", () => {
    const t = "Turkey’s don't stop";
    expect(snapSpanToWords(t, 2, 3, { start: 0, end: t.length })).toEqual({ start: 0, end: 8 });
    expect(snapSpanToWords(t, 11, 12, { start: 0, end: t.length })).toEqual({ start: 9, end: 14 });
    expect(snapSpanToWords(t, 0, 19, { start: 9, end: 14 })).toEqual({ start: 9, end: 14 });
  });

  it("handles emoji and accented letters (UTF-16 offsets)", () => {
    const t = "Le café 👨‍👩‍👧 était crème brûlée!";
    const b = { start: 0, end: t.length };
    const cafe = t.indexOf("café");
    expect(snapSpanToWords(t, cafe + 3, cafe + 4, b)).toEqual({ start: cafe, end: cafe + 4 });
    const family = t.indexOf("👨");
    const familyEnd = t.indexOf(" était");
    // Starting inside the surrogate pair / ZWJ sequence takes the whole emoji.
    expect(snapSpanToWords(t, family + 1, family + 3, b)).toEqual({ start: family, end: familyEnd });
    const brulee = t.indexOf("brûlée");
    expect(snapSpanToWords(t, brulee + 2, brulee + 3, b)).toEqual({ start: brulee, end: brulee + 6 });
    // Decomposed accents (e + U+0301) belong to their letter.
    const d = "re\u0301sume\u0301 now";
    expect(snapSpanToWords(d, 1, 2, { start: 0, end: d.length })).toEqual({ start: 0, end: 8 });
  });
});

describe("isSentenceComplete", () => {
  const vals = (o: Record<string, unknown>) => new Map(Object.entries(o));
  const targets = ["armenia", "azerbaijan"];

  it("sourcing is always required; stance never (empty = none)", () => {
    expect(isSentenceComplete(schema, vals({}), targets)).toEqual({ complete: false, missing: ["sourcing"] });
    expect(isSentenceComplete(schema, vals({ "sourcing:": "no_claim" }), targets)).toEqual({ complete: true, missing: [] });
  });

  it("source type and side are required only when the claim is quoted or paraphrased", () => {
    expect(isSentenceComplete(schema, vals({ "sourcing:": "unattributed_claim" }), targets).complete).toBe(true);
    expect(isSentenceComplete(schema, vals({ "sourcing:": "direct_quote" }), targets)).toEqual({
      complete: false,
      missing: ["source_type", "source_side"],
    });
    expect(
      isSentenceComplete(schema, vals({ "sourcing:": "paraphrased_attribution", "source_type:": "military" }), targets).missing,
    ).toEqual(["source_side"]);
    const full = vals({
      [annotationKey("sourcing", null)]: "direct_quote",
      [annotationKey("source_type", null)]: "government_official",
      [annotationKey("source_side", null)]: "azerbaijan",
      [annotationKey("stance", "armenia")]: "unfavorable",
    });
    expect(isSentenceComplete(schema, full, targets)).toEqual({ complete: true, missing: [] });
  });

  it("empty strings, lists and null do not count as values", () => {
    expect(isSentenceComplete(schema, vals({ "sourcing:": "" }), targets).missing).toEqual(["sourcing"]);
    expect(isSentenceComplete(schema, vals({ "sourcing:": null }), targets).missing).toEqual(["sourcing"]);
    expect(isSentenceComplete(sentenceBiasTemplate(), vals({ "bias:": "biased" }), []).missing).toEqual(["opinion"]);
  });
});
