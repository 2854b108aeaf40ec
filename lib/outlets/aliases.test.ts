import { describe, expect, it } from "vitest";
import { OutletNames, outletKey } from "./aliases";
import { maskText } from "./mask";

const names = new OutletNames([
  { outlet: "TRT World", alias: "TRTWorld" },
  { outlet: "TRT World", alias: "TRT" },
]);

describe("OutletNames", () => {
  it("resolves an alias to its outlet, whatever the case and spacing", () => {
    expect(names.resolve("trtworld")).toBe("TRT World");
    expect(names.resolve(" TRT ")).toBe("TRT World");
    expect(names.resolve("TRT World")).toBe("TRT World");
    expect(names.resolve("Reuters")).toBe("Reuters");
    expect(names.resolve(null)).toBeNull();
    expect(outletKey("  TRT \t World ")).toBe("trt world");
  });

  it("knows every name of a document's outlet, from any of them", () => {
    expect(names.namesOf("TRTWorld").sort()).toEqual(["TRT", "TRT World", "TRTWorld"]);
    expect(names.namesOf("Reuters")).toEqual(["Reuters"]);
    expect(names.namesOf(null)).toEqual([]);
  });

  it("masks the outlet's names and each author of a byline", () => {
    const terms = names.maskTerms({ outlet: "TRT", author: "Jana Roe and Ali Veli" });
    expect(maskText("By Jana Roe and Ali Veli, TRTWorld. Ali Veli reported for TRT World.", terms).text).toBe(
      "By [author], [outlet]. [author] reported for [outlet].",
    );
  });
});
