import { describe, expect, it } from "vitest";
import { TEMPLATES } from "@/lib/schema/templates";
import { buildKeymap, navAction } from "./keymap";

const targets = [
  { key: "armenia", name: "Armenia" },
  { key: "azerbaijan", name: "Azerbaijan" },
];

describe("keymap", () => {
  it.each(Object.keys(TEMPLATES))("template %s: every value key is usable (no clash with the workspace's keys or each other)", (id) => {
    const km = buildKeymap(TEMPLATES[id]!.build(), targets);
    expect(km.conflicts).toEqual([]);
  });

  it("maps stance keys to the per-target dimension and digits 4.. to the targets of a target choice", () => {
    const km = buildKeymap(TEMPLATES.news_stance_sourcing!.build(), targets);
    expect(km.actions.get("2")).toMatchObject({ type: "value", dimension: "stance", perTarget: true, value: "unfavorable" });
    expect(km.actions.get("5")).toMatchObject({ type: "value", dimension: "source_side", value: "azerbaijan" });
    expect(km.actions.get("h")).toMatchObject({ type: "span", label: "loaded_language" });
  });

  it("navigation keys are case-sensitive", () => {
    expect(navAction("t")).toBe("nextTarget");
    expect(navAction("T")).toBe("prevTarget");
    expect(navAction("G")).toBe("guidelines");
    expect(navAction("g")).toBeNull();
    expect(navAction("D")).toBe("markDone");
    expect(navAction("d")).toBeNull();
  });
});
