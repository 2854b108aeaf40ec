import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha, type Level } from "./index";

const LEVELS: Level[] = ["nominal", "ordinal", "interval", "ratio"];
type Cell = number | null;

/** units × coders matrices, 2–5 coders, up to 30 units, values 0–6 with ~30% missing */
const matrix = fc.integer({ min: 2, max: 5 }).chain((c) =>
  fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 3 }), { minLength: c, maxLength: c }), {
    minLength: 1,
    maxLength: 30,
  }),
);
const level = fc.constantFrom(...LEVELS);
const alphaOf = (units: Cell[][], lvl: Level) => krippendorffAlpha({ coders: units[0]!.map((_, j) => `c${j}`), units }, { level: lvl });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const same = (a: number | null, b: number | null) => {
  if (a === null || b === null) expect(a).toBe(b);
  else expect(a).toBeCloseTo(b, 10);
};

describe("Krippendorff's alpha properties", () => {
  it("alpha ≤ 1 and never NaN; null exactly when a reason is given", () => {
    fc.assert(
      fc.property(matrix, level, (units, lvl) => {
        const r = alphaOf(units, lvl);
        if (r.alpha === null) expect(r.reasonUndefined).toBeTruthy();
        else {
          expect(Number.isNaN(r.alpha)).toBe(false);
          expect(r.alpha).toBeLessThanOrEqual(1);
          expect(r.reasonUndefined).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("permuting coders or units does not change alpha", () => {
    const withPerms = matrix.chain((units) =>
      fc.tuple(
        fc.constant(units),
        fc.shuffledSubarray(range(units[0]!.length), { minLength: units[0]!.length }),
        fc.shuffledSubarray(range(units.length), { minLength: units.length }),
      ),
    );
    fc.assert(
      fc.property(withPerms, level, ([units, coderPerm, unitPerm], lvl) => {
        const permuted = unitPerm.map((u) => coderPerm.map((j) => units[u]![j]!));
        const a = alphaOf(units, lvl);
        const b = alphaOf(permuted, lvl);
        same(a.alpha, b.alpha);
        expect(b.pairable).toBe(a.pairable);
      }),
      { numRuns: 300 },
    );
  });

  it("adding a unit with a single value changes nothing", () => {
    const extra = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.nat(), fc.nat());
    fc.assert(
      fc.property(matrix, level, extra, (units, lvl, [value, col, pos]) => {
        const width = units[0]!.length;
        const lone: Cell[] = range(width).map((j) => (j === col % width ? value : null));
        const at = pos % (units.length + 1);
        const more = [...units.slice(0, at), lone, ...units.slice(at)];
        const a = alphaOf(units, lvl);
        const b = alphaOf(more, lvl);
        same(a.alpha, b.alpha);
        expect({ ...b, alpha: 0 }).toEqual({
          ...a,
          alpha: 0,
          observedDisagreement: b.observedDisagreement,
          expectedDisagreement: b.expectedDisagreement,
        });
        if (a.observedDisagreement !== null) expect(b.observedDisagreement).toBeCloseTo(a.observedDisagreement, 10);
      }),
      { numRuns: 300 },
    );
  });

  it("relabelling categories does not change nominal alpha", () => {
    const labels = ["left", "centre", "right", "none", "mixed", "n/a", "?"];
    fc.assert(
      fc.property(matrix, (units) => {
        const relabelled = units.map((r) => r.map((v) => (v === null ? null : labels[v]!)));
        same(
          alphaOf(units, "nominal").alpha,
          krippendorffAlpha({ coders: units[0]!.map((_, j) => `c${j}`), units: relabelled }, { level: "nominal" }).alpha,
        );
      }),
      { numRuns: 200 },
    );
  });
});
