import { describe, expect, it } from "vitest";
import { K2011 } from "./fixtures.test-helpers";
import { cohenKappa, confusionMatrix, fleissKappa, pairwiseCohen, percentAgreement, type ReliabilityMatrix, type Unit } from "./index";

/** Expand a contingency table (rows coder A, columns coder B) into pairs. */
function pairsFromTable<V extends string>(cats: V[], table: number[][]): [V, V][] {
  return table.flatMap((row, i) => row.flatMap((count, j) => Array.from({ length: count }, () => [cats[i]!, cats[j]!] as [V, V])));
}

describe("Cohen's kappa", () => {
  it("2×2 textbook table: 50 units, po 0.70, pe 0.50, kappa 0.40", () => {
    //            B yes  B no
    // A yes        20     5
    // A no         10    15
    const r = cohenKappa(
      pairsFromTable(
        ["yes", "no"],
        [
          [20, 5],
          [10, 15],
        ],
      ),
    );
    expect(r.n).toBe(50);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it("3×3 table (Fleiss, Levin & Paik's diagnosis example, ×100): po 0.89, pe 0.66, kappa 0.23 / 0.34", () => {
    //              psychotic  neurotic  organic   (A)
    // psychotic        75         1        4      80
    // neurotic          5         4        1      10
    // organic           0         0       10      10
    // (B)              80         5       15
    // pe = .80·.80 + .10·.05 + .10·.15 = .66
    const r = cohenKappa(
      pairsFromTable(
        ["psychotic", "neurotic", "organic"],
        [
          [75, 1, 4],
          [5, 4, 1],
          [0, 0, 10],
        ],
      ),
    );
    expect(r.observed).toBeCloseTo(0.89, 12);
    expect(r.expected).toBeCloseTo(0.66, 12);
    expect(r.kappa).toBeCloseTo(0.23 / 0.34, 12);
    expect(r.kappa!.toFixed(2)).toBe("0.68");
  });

  it("undefined cases give null with a reason", () => {
    expect(cohenKappa([])).toMatchObject({ kappa: null, n: 0, reasonUndefined: "no units coded by both coders" });
    const one = cohenKappa([
      ["a", "a"],
      ["a", "a"],
    ]);
    expect(one).toMatchObject({ kappa: null, observed: 1, expected: 1 });
    expect(one.reasonUndefined).toMatch(/only one category/);
    expect(
      cohenKappa([
        ["a", "b"],
        ["b", "a"],
      ]).kappa,
    ).toBe(-1);
  });

  it("pairwiseCohen uses the units both coders coded, symmetric, null diagonal", () => {
    const pw = pairwiseCohen(K2011);
    expect(pw.coders).toEqual(["A", "B", "C", "D"]);
    expect(pw.n).toEqual([
      [9, 9, 8, 9],
      [9, 11, 9, 10],
      [8, 9, 10, 10],
      [9, 10, 10, 11],
    ]);
    for (let i = 0; i < 4; i++) {
      expect(pw.kappa[i]![i]).toBeNull();
      for (let j = 0; j < 4; j++) expect(pw.kappa[i]![j]).toBe(pw.kappa[j]![i]);
    }
    // A and B share u1–u9 and disagree only on u6 (1 vs 2): po = 8/9,
    // marginals A (3,3,2,1), B (2,4,2,1) → Σ = 23, kappa = (9·8 − 23)/(81 − 23) = 49/58
    expect(pw.kappa[0]![1]).toBeCloseTo(49 / 58, 12);
    // B vs C, checked through cohenKappa on the shared units
    const bc = K2011.units.filter((r) => r[1] != null && r[2] != null).map((r) => [r[1]!, r[2]!] as [number, number]);
    expect(pw.kappa[1]![2]).toBeCloseTo(cohenKappa(bc).kappa!, 12);
  });

  it("pairwiseCohen: coders who never overlap get null and n 0", () => {
    const pw = pairwiseCohen({
      coders: ["a", "b", "c"],
      units: [
        ["x", "y", null],
        ["y", "y", null],
        [null, null, "x"],
      ],
    });
    expect(pw.kappa[0]![2]).toBeNull();
    expect(pw.n[0]![2]).toBe(0);
    expect(pw.n[2]![2]).toBe(1);
  });
});

describe("Fleiss' kappa", () => {
  // Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories.
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  const raters = Array.from({ length: 14 }, (_, i) => `r${i + 1}`);
  const data: ReliabilityMatrix<number> = {
    coders: raters,
    units: table.map((row) => row.flatMap((count, cat) => Array.from({ length: count }, () => cat + 1))),
  };

  it("10 subjects × 14 raters × 5 categories → P̄ 0.378, P̄e 0.213, kappa 0.210", () => {
    const r = fleissKappa(data);
    expect(r).toMatchObject({ units: 10, minRatings: 14, maxRatings: 14, coders: 14, unitsExcluded: 0 });
    expect(r.observed!.toFixed(3)).toBe("0.378");
    expect(r.expected!.toFixed(3)).toBe("0.213");
    expect(r.kappa!.toFixed(3)).toBe("0.210");
    // P̄ is the mean within-unit pairwise agreement
    expect(percentAgreement(data).agreement).toBeCloseTo(r.observed!, 12);
  });

  it("with unequal rating counts, Gwet's generalisation: every unit with 2+ ratings, hand-computed", () => {
    // Five units, 3 raters, categories x and y; ratings per unit r_i = 3, 3, 2, 3, 1.
    //   u1 x x x   u2 x y y   u3 x y   u4 y y y   u5 x
    // p_a over the n′ = 4 units with r_i ≥ 2 of Σ_k r_ik(r_ik − 1) / (r_i(r_i − 1)):
    //   u1 (3·2)/(3·2) = 1, u2 (0 + 2·1)/(3·2) = 1/3, u3 (0 + 0)/(2·1) = 0, u4 1
    //   p_a = (1 + 1/3 + 0 + 1) / 4 = 7/12
    // π_k over the n = 5 rated units of r_ik / r_i (u5 counts here, not in p_a):
    //   π_x = (3/3 + 1/3 + 1/2 + 0 + 1/1) / 5 = (17/6) / 5 = 17/30
    //   π_y = (0 + 2/3 + 1/2 + 3/3 + 0) / 5 = (13/6) / 5 = 13/30
    //   p_e = (17/30)² + (13/30)² = (289 + 169) / 900 = 229/450
    // κ = (7/12 − 229/450) / (1 − 229/450) = (525 − 458)/900 ÷ 442/900 = 67/442 ≈ 0.1516
    // (Fleiss' fixed-m version used only u1, u2, u4 and gave 0.55.)
    const r = fleissKappa({
      coders: ["a", "b", "c"],
      units: [
        ["x", "x", "x"],
        ["x", "y", "y"],
        ["x", "y", null],
        ["y", "y", "y"],
        [null, "x", null],
      ],
    });
    expect(r).toMatchObject({ units: 4, unitsExcluded: 1, minRatings: 2, maxRatings: 3, coders: 3 });
    expect(r.observed!).toBeCloseTo(7 / 12, 12);
    expect(r.expected!).toBeCloseTo(229 / 450, 12);
    expect(r.kappa!).toBeCloseTo(67 / 442, 12);
  });

  it("equals Fleiss (1971) when every unit has the same number of ratings, whoever the raters are", () => {
    // The Wikipedia table again, each unit's 14 ratings given by a different subset of 20 raters.
    const shifted: ReliabilityMatrix<number> = {
      coders: Array.from({ length: 20 }, (_, i) => `r${i + 1}`),
      units: data.units.map((row, u) => [...Array.from({ length: u % 7 }, () => null), ...row]),
    };
    const b = fleissKappa(shifted);
    expect(b).toMatchObject({ units: 10, unitsExcluded: 0, minRatings: 14, maxRatings: 14 });
    expect(b.kappa!).toBeCloseTo(fleissKappa(data).kappa!, 12);
  });

  it("undefined cases give null with a reason", () => {
    expect(
      fleissKappa({
        coders: ["a", "b"],
        units: [
          ["x", null],
          [null, "y"],
        ],
      }),
    ).toMatchObject({
      kappa: null,
      units: 0,
      unitsExcluded: 2,
      minRatings: 0,
      maxRatings: 0,
      reasonUndefined: "no unit has 2 or more ratings",
    });
    const one = fleissKappa({
      coders: ["a", "b"],
      units: [
        ["x", "x"],
        ["x", "x"],
      ],
    });
    expect(one.kappa).toBeNull();
    expect(one.reasonUndefined).toMatch(/only one category/);
  });
});

describe("percent agreement", () => {
  it("mean over pairable units of the agreeing share of coder pairs", () => {
    // [a a a] → 3/3, [a a b] → 1/3, [a b] → 0, [a] → not pairable
    const r = percentAgreement({
      coders: ["1", "2", "3"],
      units: [
        ["a", "a", "a"],
        ["a", "a", "b"],
        ["a", "b", null],
        [null, "a", null],
      ],
    });
    expect(r.units).toBe(3);
    expect(r.pairs).toBe(7);
    expect(r.agreement).toBeCloseTo(4 / 9, 12);
    expect(r.percent).toBeCloseTo(400 / 9, 10);
  });

  it("null without pairable units", () => {
    const r = percentAgreement([{ id: "u", values: new Map([["a", "x"]]) }] satisfies Unit<string>[]);
    expect(r.agreement).toBeNull();
    expect(r.reasonUndefined).toBeDefined();
  });
});

describe("confusion matrix", () => {
  it("counts coder A (rows) against coder B (columns) over units both coded", () => {
    const cm = confusionMatrix(K2011, "B", "C");
    expect(cm.categories).toEqual([1, 2, 3, 4, 5]);
    expect(cm.n).toBe(9);
    expect(cm.counts).toEqual([
      [0, 1, 0, 0, 0],
      [0, 2, 2, 0, 0],
      [0, 0, 2, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
  });

  it("uses opts.order for the categories and throws for unknown coders", () => {
    const d = {
      coders: ["a", "b"],
      units: [
        ["left", "right"],
        ["left", "left"],
      ],
    };
    const cm = confusionMatrix(d, "a", "b", { order: ["left", "center", "right"] });
    expect(cm.categories).toEqual(["left", "center", "right"]);
    expect(cm.counts).toEqual([
      [1, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(() => confusionMatrix(d, "a", "z")).toThrow(RangeError);
  });
});
