import { describe, expect, it } from "vitest";
import { hasRemovals, parseLabelSchemaJson, schemaRemovals, storedValueIds } from "./changes";
import { newsStanceSourcingTemplate } from "./templates";

describe("schemaRemovals", () => {
  it("finds nothing when dimensions and values are only added or relabelled", () => {
    const before = newsStanceSourcingTemplate();
    const after = newsStanceSourcingTemplate();
    after.dimensions[0]!.label = "Stance toward target";
    after.dimensions.push({ id: "tone", label: "Tone", kind: "single", required: "never", values: [{ id: "calm", label: "Calm" }] });
    const sourcing = after.dimensions.find((d) => d.id === "sourcing")!;
    if ("values" in sourcing) sourcing.values.push({ id: "rumour", label: "Rumour", key: "u" });
    expect(hasRemovals(schemaRemovals(before, after))).toBe(false);
  });

  it("reports removed dimensions, removed values and kind changes", () => {
    const before = newsStanceSourcingTemplate();
    const after = newsStanceSourcingTemplate();
    after.dimensions = after.dimensions.filter((d) => d.id !== "note");
    const stance = after.dimensions.find((d) => d.id === "stance")!;
    if ("values" in stance) stance.values = stance.values.filter((v) => v.id !== "neutral");
    const i = after.dimensions.findIndex((d) => d.id === "spans");
    after.dimensions[i] = {
      id: "spans",
      label: "Spans",
      kind: "multi",
      required: "never",
      values: [{ id: "loaded_language", label: "L" }],
    };
    expect(schemaRemovals(before, after)).toEqual({
      dimensions: [{ id: "note", label: "Note" }],
      kindChanges: [{ id: "spans", label: "Spans", from: "span", to: "multi" }],
      values: [{ dimension: "stance", label: "Stance", ids: ["neutral"] }],
    });
  });
});

describe("storedValueIds", () => {
  it("reads the ids out of each kind of stored value", () => {
    expect(storedValueIds("single", "direct_quote")).toEqual(["direct_quote"]);
    expect(storedValueIds("per_target", "favorable")).toEqual(["favorable"]);
    expect(storedValueIds("multi", ["a", "b"])).toEqual(["a", "b"]);
    expect(storedValueIds("span", [{ start: 0, end: 3, label: "loaded_language" }])).toEqual(["loaded_language"]);
    expect(storedValueIds("text", "free text")).toEqual([]);
    expect(storedValueIds("flag", true)).toEqual([]);
    expect(storedValueIds("single", null)).toEqual([]);
  });
});

describe("parseLabelSchemaJson", () => {
  it("reports JSON syntax errors and schema errors with their paths", () => {
    expect(parseLabelSchemaJson("{ nope")).toMatchObject({ ok: false, errors: [expect.stringMatching(/^JSON: /)] });
    const s = newsStanceSourcingTemplate();
    const bad = JSON.parse(JSON.stringify(s));
    bad.dimensions[2].values[0].key = "xx";
    expect(parseLabelSchemaJson(JSON.stringify(bad))).toEqual({
      ok: false,
      errors: ["dimensions[2].values[0].key: must be exactly one keyboard character"],
    });
    expect(parseLabelSchemaJson(JSON.stringify(s))).toEqual({ ok: true, schema: s });
  });

  it("refuses keys the workspace could not use: another dimension's, the workspace's own, a source-side digit", () => {
    const s = newsStanceSourcingTemplate();
    const sourcing = s.dimensions.find((d) => d.id === "sourcing")!;
    const withValue = (key: string) => {
      const edited = structuredClone(s);
      const dim = edited.dimensions.find((d) => d.id === "source_type")!;
      if (!("values" in dim)) throw new Error("source_type has values");
      dim.values.push({ id: "new_kind", label: "New kind", key });
      return JSON.stringify(edited);
    };
    if (!("values" in sourcing)) throw new Error("sourcing has values");
    const quote = sourcing.values.find((v) => v.key === "q")!;
    expect(parseLabelSchemaJson(withValue("q"))).toEqual({
      ok: false,
      errors: [`keys: "q" for Source type: New kind is already the key of ${sourcing.label}: ${quote.label}`],
    });
    expect(parseLabelSchemaJson(withValue("Q"))).toMatchObject({ ok: false }); // keys are case-insensitive
    expect(parseLabelSchemaJson(withValue("y"))).toEqual({
      ok: false,
      errors: [`keys: "y" for Source type: New kind is one of the workspace's own keys`],
    });
    // Digits 4-9 belong to the source side's targets, however many the project has now.
    expect(parseLabelSchemaJson(withValue("5"))).toEqual({
      ok: false,
      errors: [`keys: "5" for Source side: the project's target 2 is already the key of Source type: New kind`],
    });
    expect(parseLabelSchemaJson(withValue("u"))).toMatchObject({ ok: true });
  });
});
