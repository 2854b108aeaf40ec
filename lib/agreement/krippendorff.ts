import { encode, type EncodedData } from "./encode";
import type { CategoryOptions, Level, ReliabilityData, Value } from "./types";

/**
 * Krippendorff's alpha, following K. Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability", via the coincidence matrix:
 *
 *   o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1)
 *   n_c  = Σ_k o_ck,   n = Σ_c n_c  (pairable values: values in units with m_u ≥ 2)
 *   α    = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * with δ² nominal: [c ≠ k]; ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the category
 * ranks; interval: (c − k)²; ratio: ((c − k)/(c + k))².
 */

export interface CoincidenceMatrix<V extends Value = Value> {
  /** categories in rank order (see CategoryOptions); index i labels row/column i */
  categories: V[];
  /** o_ck: coincidences of category c with category k (symmetric) */
  matrix: number[][];
  /** n_c: pairable values of each category (row sums of `matrix`) */
  marginals: number[];
  /** n: pairable values in total */
  n: number;
  /** units with at least 2 values (pairable units) */
  units: number;
  /** coders who gave at least one pairable value */
  coders: number;
}

export interface AlphaOptions<V extends Value = Value> extends CategoryOptions<V> {
  level: Level;
}

export interface AlphaResult {
  /** null when alpha is undefined (see reasonUndefined); never NaN */
  alpha: number | null;
  level: Level;
  /** pairable units (units with at least 2 values) */
  units: number;
  /** n: pairable values */
  pairable: number;
  /** coders who gave at least one pairable value */
  coders: number;
  /** D_o = Σ o_ck δ²_ck / n; null when there are no pairable values */
  observedDisagreement: number | null;
  /** D_e = Σ n_c n_k δ²_ck / (n (n − 1)); null when there are no pairable values */
  expectedDisagreement: number | null;
  reasonUndefined?: string;
}

/** Internal form of the coincidence matrix: flat K×K, integer marginals. */
export interface Coincidences {
  K: number;
  /** K×K row-major o_ck */
  o: Float64Array;
  /** n_c (exact integers) */
  marginals: Float64Array;
  n: number;
  units: number;
  coders: number;
}

export function coincidencesEncoded(enc: EncodedData): Coincidences {
  const K = enc.categories.length;
  const o = new Float64Array(K * K);
  const marginals = new Float64Array(K);
  const cnt = new Int32Array(K);
  const touched = new Int32Array(K);
  const coderUsed = new Uint8Array(enc.coders.length);
  const { offsets, code, coder } = enc;
  const U = offsets.length - 1;
  let units = 0;
  let n = 0;
  for (let u = 0; u < U; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    const m = end - start;
    if (m < 2) continue;
    units++;
    n += m;
    let d = 0;
    for (let i = start; i < end; i++) {
      const c = code[i]!;
      if (cnt[c]!++ === 0) touched[d++] = c;
      coderUsed[coder[i]!] = 1;
    }
    const w = 1 / (m - 1);
    for (let a = 0; a < d; a++) {
      const ca = touched[a]!;
      const na = cnt[ca]!;
      marginals[ca]! += na;
      const row = ca * K;
      o[row + ca]! += na * (na - 1) * w;
      for (let b = 0; b < d; b++) {
        if (b === a) continue;
        const cb = touched[b]!;
        o[row + cb]! += na * cnt[cb]! * w;
      }
    }
    for (let a = 0; a < d; a++) cnt[touched[a]!] = 0;
  }
  let coders = 0;
  for (let i = 0; i < coderUsed.length; i++) coders += coderUsed[i]!;
  return { K, o, marginals, n, units, coders };
}

/** The coincidence matrix of the reliability data (values in units with ≥ 2 values). */
export function coincidenceMatrix<V extends Value>(data: ReliabilityData<V>, opts: CategoryOptions<V> = {}): CoincidenceMatrix<V> {
  const enc = encode(data, opts);
  const co = coincidencesEncoded(enc);
  const matrix: number[][] = [];
  for (let c = 0; c < co.K; c++) matrix.push(Array.from(co.o.subarray(c * co.K, (c + 1) * co.K)));
  return {
    categories: enc.categories,
    matrix,
    marginals: Array.from(co.marginals),
    n: co.n,
    units: co.units,
    coders: co.coders,
  };
}

/** δ²_ck as a flat K×K matrix for the given level. Throws if the categories don't fit it. */
function differenceMatrix(level: Level, categories: readonly Value[], marginals: Float64Array, hasOrder: boolean): Float64Array {
  const K = categories.length;
  const d2 = new Float64Array(K * K);
  if (level === "nominal") {
    for (let c = 0; c < K; c++) for (let k = 0; k < K; k++) if (c !== k) d2[c * K + k] = 1;
    return d2;
  }
  if (level === "ordinal") {
    if (!hasOrder && categories.some((v) => typeof v !== "number")) {
      throw new TypeError("agreement: ordinal alpha over string values needs opts.order");
    }
    // prefix[i] = Σ_{g<i} n_g, so Σ_{g=c..k} n_g = prefix[k+1] − prefix[c] for c ≤ k
    const prefix = new Float64Array(K + 1);
    for (let i = 0; i < K; i++) prefix[i + 1] = prefix[i]! + marginals[i]!;
    for (let c = 0; c < K; c++) {
      for (let k = c + 1; k < K; k++) {
        const s = prefix[k + 1]! - prefix[c]! - (marginals[c]! + marginals[k]!) / 2;
        d2[c * K + k] = d2[k * K + c] = s * s;
      }
    }
    return d2;
  }
  const nums = categories.map((v) => {
    if (typeof v !== "number") throw new TypeError(`agreement: ${level} alpha needs numeric values, got ${JSON.stringify(v)}`);
    if (level === "ratio" && v < 0) throw new RangeError(`agreement: ratio alpha needs non-negative values, got ${v}`);
    return v;
  });
  for (let c = 0; c < K; c++) {
    for (let k = c + 1; k < K; k++) {
      const x = nums[c]!;
      const y = nums[k]!;
      const diff = level === "interval" ? x - y : (x - y) / (x + y); // x ≠ y ≥ 0, so x + y > 0
      d2[c * K + k] = d2[k * K + c] = diff * diff;
    }
  }
  return d2;
}

export function alphaFromCoincidences(co: Coincidences, level: Level, categories: readonly Value[], hasOrder: boolean): AlphaResult {
  const base = { level, units: co.units, pairable: co.n, coders: co.coders };
  const d2 = differenceMatrix(level, categories, co.marginals, hasOrder);
  if (co.n < 2) {
    return {
      alpha: null,
      ...base,
      observedDisagreement: null,
      expectedDisagreement: null,
      reasonUndefined: "fewer than 2 pairable values (no unit was coded by 2 or more coders)",
    };
  }
  const { K, o, marginals, n } = co;
  let doSum = 0;
  let deSum = 0;
  for (let c = 0; c < K; c++) {
    const nc = marginals[c]!;
    for (let k = 0; k < K; k++) {
      const d = d2[c * K + k]!;
      if (d === 0) continue;
      doSum += o[c * K + k]! * d;
      deSum += nc * marginals[k]! * d;
    }
  }
  const observedDisagreement = doSum / n;
  const expectedDisagreement = deSum / (n * (n - 1));
  if (deSum === 0) {
    return {
      alpha: null,
      ...base,
      observedDisagreement,
      expectedDisagreement,
      reasonUndefined: "only one category used: no expected disagreement",
    };
  }
  return { alpha: 1 - ((n - 1) * doSum) / deSum, ...base, observedDisagreement, expectedDisagreement };
}

/**
 * Krippendorff's alpha for one variable. Returns `alpha: null` with `reasonUndefined` when
 * there are fewer than 2 pairable values or only one category is used.
 * Throws TypeError/RangeError when the values don't fit the level (see `types.ts`).
 */
export function krippendorffAlpha<V extends Value>(data: ReliabilityData<V>, opts: AlphaOptions<V>): AlphaResult {
  const enc = encode(data, opts);
  return alphaFromCoincidences(coincidencesEncoded(enc), opts.level, enc.categories, opts.order !== undefined);
}
