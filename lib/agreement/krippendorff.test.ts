import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { K2011, PY_EXAMPLE } from "./fixtures.test-helpers";
import { coincidenceMatrix, krippendorffAlpha, type Level, type Unit } from "./index";

describe("Krippendorff (2011) worked example", () => {
  it("coincidence matrix: 40 pairable values, marginals 9 13 10 5 3, diagonal 7 10 8 4 3", () => {
    const cm = coincidenceMatrix(K2011);
    expect(cm.categories).toEqual([1, 2, 3, 4, 5]);
    expect(cm.n).toBe(40);
    expect(cm.units).toBe(11); // unit 12 has one value
    expect(cm.coders).toBe(4);
    expect(cm.marginals).toEqual([9, 13, 10, 5, 3]);
    expect(cm.matrix.map((row, i) => row[i])).toEqual([7, 10, 8, 4, 3]);
    // symmetric, rows sum to the marginals; o_12 = 4/3 (units 6 and 8 contribute 1/3 and 1)
    cm.matrix.forEach((row, i) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(cm.marginals[i]!, 12);
      row.forEach((x, j) => expect(x).toBe(cm.matrix[j]![i]));
    });
    expect(cm.matrix[0]![1]).toBeCloseTo(4 / 3, 12);
  });

  it("nominal alpha = 1 − 39 × 8 / (1600 − 384) = 0.7434", () => {
    const r = krippendorffAlpha(K2011, { level: "nominal" });
    expect(r.alpha).toBeCloseTo(1 - (39 * 8) / (1600 - 384), 12);
    expect(r.alpha!.toFixed(3)).toBe("0.743");
    expect(r.alpha!.toFixed(4)).toBe("0.7434");
    expect(r).toMatchObject({ units: 11, pairable: 40, coders: 4 });
    expect(r.reasonUndefined).toBeUndefined();
    expect(r.observedDisagreement).toBeCloseTo(8 / 40, 12);
    expect(r.expectedDisagreement).toBeCloseTo((1600 - 384) / (40 * 39), 12);
  });

  it.each([
    ["ordinal", "0.815"],
    ["interval", "0.849"],
    ["ratio", "0.797"],
  ] as const)("%s alpha = %s", (level, expected) => {
    expect(krippendorffAlpha(K2011, { level }).alpha!.toFixed(3)).toBe(expected);
  });

  it("interval alpha = 0.8491", () => {
    expect(krippendorffAlpha(K2011, { level: "interval" }).alpha!.toFixed(4)).toBe("0.8491");
  });

  it("ordinal with string categories and an explicit order gives the same alpha", () => {
    const names = ["", "one", "two", "three", "four", "five"] as const;
    const units = K2011.units.map((row) => row.map((v) => (v == null ? null : names[v as number]!)));
    const order = ["one", "two", "three", "four", "five"];
    const r = krippendorffAlpha({ coders: K2011.coders, units }, { level: "ordinal", order });
    expect(r.alpha).toBeCloseTo(krippendorffAlpha(K2011, { level: "ordinal" }).alpha!, 12);
    // a wrong order changes the ordinal result but not the nominal one
    const shuffled = ["three", "one", "five", "two", "four"];
    const o2 = krippendorffAlpha({ coders: K2011.coders, units }, { level: "ordinal", order: shuffled });
    expect(o2.alpha).not.toBeCloseTo(r.alpha!, 3);
    const n2 = krippendorffAlpha({ coders: K2011.coders, units }, { level: "nominal", order: shuffled });
    expect(n2.alpha).toBeCloseTo(0.743421, 6);
  });

  it("the unit-list input shape gives the same results as the matrix shape", () => {
    const list: Unit<number>[] = K2011.units.map((row, u) => ({
      id: `u${u + 1}`,
      values: new Map(row.flatMap((v, j) => (v == null ? [] : [[K2011.coders[j]!, v] as [string, number]]))),
    }));
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      expect(krippendorffAlpha(list, { level })).toEqual(krippendorffAlpha(K2011, { level }));
    }
  });
});

describe("second published example (krippendorff Python package)", () => {
  it("nominal 0.691358, interval 0.810845", () => {
    expect(krippendorffAlpha(PY_EXAMPLE, { level: "nominal" }).alpha).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(PY_EXAMPLE, { level: "interval" }).alpha).toBeCloseTo(0.810845, 6);
  });
});

describe("hand-checkable cases", () => {
  const m = (units: (string | number | null | undefined)[][], coders = ["a", "b", "c"].slice(0, units[0]?.length ?? 0)) => ({
    coders,
    units,
  });

  it("perfect agreement → 1 at every level", () => {
    const d = m([
      [1, 1],
      [2, 2],
      [3, 3],
      [1, 1],
    ]);
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      expect(krippendorffAlpha(d, { level }).alpha).toBe(1);
    }
  });

  it("systematic disagreement → negative alpha: 1 − 7 × 8 / (64 − 32) = −0.75", () => {
    const r = krippendorffAlpha(
      m([
        ["x", "y"],
        ["y", "x"],
        ["x", "y"],
        ["y", "x"],
      ]),
      { level: "nominal" },
    );
    expect(r.alpha).toBeCloseTo(-0.75, 12);
  });

  it("one category only → null with a reason, never NaN", () => {
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const r = krippendorffAlpha(
        m(
          [
            [2, 2],
            [2, 2, 2],
            [2, null],
          ],
          ["a", "b", "c"],
        ),
        { level },
      );
      expect(r.alpha).toBeNull();
      expect(r.reasonUndefined).toMatch(/only one category/);
      expect(r.pairable).toBe(5);
      expect(r.observedDisagreement).toBe(0);
    }
  });

  it("all units unpairable → null with a reason", () => {
    const r = krippendorffAlpha(
      m(
        [
          ["x", null],
          [null, "y"],
          [null, null],
        ],
        ["a", "b"],
      ),
      { level: "nominal" },
    );
    expect(r).toMatchObject({ alpha: null, units: 0, pairable: 0, coders: 0, observedDisagreement: null });
    expect(r.reasonUndefined).toMatch(/fewer than 2 pairable values/);
    expect(krippendorffAlpha([], { level: "interval" }).alpha).toBeNull();
  });

  it("NaN, null and undefined cells are missing", () => {
    const a = krippendorffAlpha(
      m([
        [1, NaN, 1],
        [2, undefined, 2],
        [1, 2, null],
      ]),
      { level: "interval" },
    );
    const b = krippendorffAlpha(
      m(
        [
          [1, 1],
          [2, 2],
          [1, 2],
        ],
        ["a", "c"],
      ),
      { level: "interval" },
    );
    expect(a.alpha).toBe(b.alpha);
    expect(a.coders).toBe(3);
  });

  it("rejects values that do not fit the level", () => {
    const strings = m([
      ["x", "y"],
      ["y", "y"],
    ]);
    expect(() => krippendorffAlpha(strings, { level: "ordinal" })).toThrow(/order/);
    expect(() => krippendorffAlpha(strings, { level: "interval" })).toThrow(TypeError);
    expect(() =>
      krippendorffAlpha(
        m([
          [-1, 2],
          [2, 2],
        ]),
        { level: "ratio" },
      ),
    ).toThrow(RangeError);
    expect(() => krippendorffAlpha(m([[Infinity, 2]]), { level: "nominal" })).toThrow(RangeError);
    expect(() => krippendorffAlpha(strings, { level: "ordinal", order: ["x"] })).toThrow(/not in the category order/);
  });
});

describe("cross-check: coincidence matrix vs the direct pairwise definition", () => {
  // α = 1 − D_o / D_e with D_o the mean δ² over pairs of values within units (each unit's
  // ordered pairs weighted 1/(m_u − 1), divided by n) and D_e the mean δ² over all ordered
  // pairs of distinct pairable values — written naively here.
  function naiveAlpha(units: (number | null)[][], level: Level): number | null {
    const pairable = units.map((r) => r.filter((v): v is number => v !== null)).filter((r) => r.length >= 2);
    const all = pairable.flat();
    const n = all.length;
    const count = (g: number) => all.filter((v) => v === g).length;
    const delta2 = (c: number, k: number): number => {
      if (level === "nominal") return c === k ? 0 : 1;
      if (level === "interval") return (c - k) ** 2;
      if (level === "ratio") return c === k ? 0 : ((c - k) / (c + k)) ** 2;
      let s = 0;
      for (const g of new Set(all)) if (g >= Math.min(c, k) && g <= Math.max(c, k)) s += count(g);
      return (s - (count(c) + count(k)) / 2) ** 2;
    };
    let dO = 0;
    for (const vals of pairable) {
      let s = 0;
      vals.forEach((a, i) => vals.forEach((b, j) => i !== j && (s += delta2(a, b))));
      dO += s / (vals.length - 1);
    }
    dO /= n;
    let dE = 0;
    all.forEach((a, i) => all.forEach((b, j) => i !== j && (dE += delta2(a, b))));
    dE /= n * (n - 1);
    return n < 2 || dE === 0 ? null : 1 - dO / dE;
  }

  const data = fc.integer({ min: 2, max: 5 }).chain((coders) =>
    fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 3 }), { minLength: coders, maxLength: coders }), {
      maxLength: 25,
    }),
  );

  it.each(["nominal", "ordinal", "interval", "ratio"] as const)("%s", (level) => {
    fc.assert(
      fc.property(data, (units) => {
        const coders = (units[0] ?? []).map((_, j) => `c${j}`);
        const got = krippendorffAlpha({ coders, units }, { level }).alpha;
        const want = naiveAlpha(units, level);
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 9);
      }),
      { numRuns: 300 },
    );
  });
});
