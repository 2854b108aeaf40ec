import { describe, expect, it } from "vitest";
import { K2011 } from "./fixtures.test-helpers";
import { agreementReport, fleissKappa, krippendorffAlpha, pairwiseCohen, percentAgreement } from "./index";

describe("agreementReport", () => {
  it("combines alpha at the level with the nominal statistics", () => {
    const r = agreementReport(K2011, { level: "interval" });
    expect(r).toMatchObject({ level: "interval", units: 12, pairableUnits: 11, coders: ["A", "B", "C", "D"], categories: [1, 2, 3, 4, 5] });
    expect(r.alpha).toEqual(krippendorffAlpha(K2011, { level: "interval" }));
    expect(r.alpha.alpha!.toFixed(4)).toBe("0.8491");
    expect(r.fleiss).toEqual(fleissKappa(K2011));
    expect(r.pairwiseCohen).toEqual(pairwiseCohen(K2011));
    expect(r.percentAgreement).toEqual(percentAgreement(K2011));
    // Fleiss (generalised): counts per unit are 3,4,4,4,4,4,4,4,4,3,2,1 → 11 units with 2 or more, the last one left out
    expect(r.fleiss).toMatchObject({ minRatings: 2, maxRatings: 4, units: 11, unitsExcluded: 1 });
  });

  it("reports undefined statistics without throwing", () => {
    const r = agreementReport({ coders: ["a", "b"], units: [["x", null]] }, { level: "nominal" });
    expect(r.alpha.alpha).toBeNull();
    expect(r.fleiss.kappa).toBeNull();
    expect(r.percentAgreement.agreement).toBeNull();
    expect(r.pairwiseCohen.kappa).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
