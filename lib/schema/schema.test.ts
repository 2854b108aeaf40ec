import { describe, expect, it } from "vitest";
import { dimensionKeys, getDimension, valueLabel } from "./helpers";
import { labelSchemaSchema, parseLabelSchema, type LabelSchema } from "./schema";
import { RESERVED_KEYS, TEMPLATES, newsStanceSourcingTemplate, sentenceBiasTemplate } from "./templates";

function errorsOf(input: unknown): string[] {
  const r = parseLabelSchema(input);
  if (r.ok) throw new Error("expected the schema to be refused");
  return r.errors;
}

const minimal = (dimensions: unknown[]) => ({ version: 1, name: "Test", dimensions });

describe("templates", () => {
  for (const [id, t] of Object.entries(TEMPLATES)) {
    it(`${id} validates and round-trips through JSON`, () => {
      const built = t.build();
      const parsed = labelSchemaSchema.parse(JSON.parse(JSON.stringify(built)));
      expect(parsed).toEqual(built);
      expect(t.name).toBe(built.name);
    });

    it(`${id}: every dimension and value has a description, every value a key`, () => {
      for (const d of t.build().dimensions) {
        expect(d.description, d.id).toBeTruthy();
        if ("values" in d) {
          for (const v of d.values) {
            expect(v.description, `${d.id}.${v.id}`).toBeTruthy();
            expect(v.key, `${d.id}.${v.id}`).toMatch(/^\S$/);
          }
        }
      }
    });

    it(`${id}: keys are unique across the template and avoid the workspace's keys`, () => {
      const keys = t.build().dimensions.flatMap((d) => ("values" in d ? d.values.map((v) => v.key!.toLowerCase()) : []));
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) expect(RESERVED_KEYS).not.toContain(k);
    });
  }

  it("the news template has the agreed dimensions", () => {
    const s = newsStanceSourcingTemplate();
    expect(s.name).toBe("News stance & sourcing");
    expect(s.dimensions.map((d) => [d.id, d.kind])).toEqual([
      ["stance", "per_target"],
      ["sourcing", "single"],
      ["source_type", "single"],
      ["source_name", "text"],
      ["source_side", "target_choice"],
      ["spans", "span"],
      ["note", "text"],
      ["flag", "flag"],
    ]);
    expect(getDimension(s, "source_type")?.required).toEqual({
      when: { dimension: "sourcing", in: ["direct_quote", "paraphrased_attribution"] },
    });
    expect(getDimension(s, "sourcing")?.required).toBe("always");
    expect(getDimension(s, "flag")?.label).toBe("Flag for review");
    const name = getDimension(s, "source_name");
    expect(name?.kind === "text" && name.suggest).toBe(true);
  });

  it("builds fresh objects each time", () => {
    const a = newsStanceSourcingTemplate();
    a.dimensions[0]!.label = "changed";
    expect(newsStanceSourcingTemplate().dimensions[0]!.label).toBe("Stance");
    const b = sentenceBiasTemplate();
    expect(b.dimensions.map((d) => d.id)).toEqual(["bias", "opinion", "spans", "note"]);
  });
});

describe("labelSchemaSchema errors name the path", () => {
  it("applies defaults (required: never, text maxLength)", () => {
    const r = parseLabelSchema(minimal([{ id: "note", label: "Note", kind: "text" }]));
    expect(r.ok && r.schema.dimensions[0]).toMatchObject({ required: "never", maxLength: 500 });
  });

  it("refuses a bad version and an unknown kind", () => {
    expect(errorsOf({ version: 2, name: "x", dimensions: [] }).join("\n")).toMatch(/^version: /m);
    expect(errorsOf(minimal([{ id: "a", label: "A", kind: "colour" }]))[0]).toMatch(/^dimensions\[0\]/);
  });

  it("refuses bad ids", () => {
    const errs = errorsOf(minimal([{ id: "Stance", label: "S", kind: "single", values: [{ id: "1x", label: "x" }] }]));
    expect(errs).toContainEqual(expect.stringMatching(/^dimensions\[0\]\.id: must start with a lower-case letter/));
    expect(errs).toContainEqual(expect.stringMatching(/^dimensions\[0\]\.values\[0\]\.id: /));
  });

  it("refuses duplicate dimension ids", () => {
    const errs = errorsOf(
      minimal([
        { id: "a", label: "A", kind: "flag" },
        { id: "a", label: "A again", kind: "text" },
      ]),
    );
    expect(errs).toEqual(['dimensions[1].id: duplicate dimension id "a"']);
  });

  it("refuses duplicate value ids and clashing keys within a dimension", () => {
    const errs = errorsOf(
      minimal([
        {
          id: "stance",
          label: "Stance",
          kind: "per_target",
          values: [
            { id: "favorable", label: "F", key: "f" },
            { id: "neutral", label: "N", key: "F" },
            { id: "neutral", label: "N2" },
          ],
        },
      ]),
    );
    expect(errs).toEqual([
      'dimensions[0].values[1].key: key "F" of value "neutral" is already used by value "favorable" in dimension "stance"',
      'dimensions[0].values[2].id: duplicate value id "neutral" in dimension "stance"',
    ]);
  });

  it("refuses keys longer than one character", () => {
    const errs = errorsOf(minimal([{ id: "a", label: "A", kind: "single", values: [{ id: "x", label: "X", key: "ab" }] }]));
    expect(errs).toEqual(["dimensions[0].values[0].key: must be exactly one keyboard character"]);
  });

  it("checks `when` references", () => {
    const base = { id: "sourcing", label: "S", kind: "single", values: [{ id: "direct_quote", label: "Q" }] };
    expect(errorsOf(minimal([base, { id: "t", label: "T", kind: "text", required: { when: { dimension: "nope", in: ["x"] } } }]))).toEqual([
      'dimensions[1].required.when.dimension: refers to unknown dimension "nope"',
    ]);
    expect(
      errorsOf(
        minimal([
          base,
          { id: "t", label: "T", kind: "text", required: { when: { dimension: "sourcing", in: ["direct_quote", "paraphrase"] } } },
        ]),
      ),
    ).toEqual(['dimensions[1].required.when.in[1]: value "paraphrase" is not one of direct_quote (dimension "sourcing")']);
    expect(
      errorsOf(
        minimal([
          { id: "f", label: "F", kind: "text" },
          { id: "t", label: "T", kind: "text", required: { when: { dimension: "f", in: ["x"] } } },
        ]),
      ),
    ).toEqual([
      'dimensions[1].required.when.dimension: refers to dimension "f" of kind "text"; only "single" dimensions can be used in when',
    ]);
    expect(errorsOf(minimal([{ ...base, required: { when: { dimension: "sourcing", in: ["direct_quote"] } } }]))).toEqual([
      'dimensions[0].required.when.dimension: dimension "sourcing" cannot depend on itself',
    ]);
  });

  it("refuses required per_target and flag dimensions", () => {
    const errs = errorsOf(
      minimal([
        { id: "stance", label: "S", kind: "per_target", required: "always", values: [{ id: "a", label: "A" }] },
        { id: "flag", label: "F", kind: "flag", required: "always" },
      ]),
    );
    expect(errs[0]).toMatch(/^dimensions\[0\]\.required: per_target dimension "stance" cannot be required/);
    expect(errs[1]).toMatch(/^dimensions\[1\]\.required: flag dimension "flag" cannot be required/);
  });

  it("refuses valued dimensions without values", () => {
    expect(errorsOf(minimal([{ id: "a", label: "A", kind: "multi", values: [] }]))).toEqual([
      "dimensions[0].values: must have at least one value",
    ]);
  });
});

describe("helpers", () => {
  const s: LabelSchema = newsStanceSourcingTemplate();

  it("getDimension and valueLabel", () => {
    expect(getDimension(s, "nope")).toBeUndefined();
    expect(valueLabel(s, "sourcing", "direct_quote")).toBe("Direct quote");
    expect(valueLabel(s, "source_side", "independent_unclear")).toBe("Independent / unclear");
    expect(valueLabel(s, "source_side", "armenia", { armenia: "Armenia" })).toBe("Armenia");
    expect(valueLabel(s, "sourcing", "gone")).toBe("gone");
  });

  it("dimensionKeys expands per_target dimensions over targets", () => {
    const keys = dimensionKeys(s, ["armenia", "azerbaijan"]);
    expect(keys.slice(0, 3)).toEqual([
      { dimension: "stance", target: "armenia", key: "stance:armenia" },
      { dimension: "stance", target: "azerbaijan", key: "stance:azerbaijan" },
      { dimension: "sourcing", target: null, key: "sourcing:" },
    ]);
    expect(keys).toHaveLength(9);
    expect(dimensionKeys(s, []).some((k) => k.dimension === "stance")).toBe(false);
  });
});
