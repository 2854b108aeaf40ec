import { encode, type EncodedData } from "./encode";
import type { CategoryOptions, ReliabilityData, Value } from "./types";

/* Nominal agreement statistics other than alpha: Cohen's and Fleiss' kappa, percent
 * agreement, confusion matrices. All treat values as unordered categories. */

export interface CohenResult {
  /** null when undefined (see reasonUndefined); never NaN */
  kappa: number | null;
  /** pairs (units coded by both coders) */
  n: number;
  /** p_o: observed proportion of agreement; null when n = 0 */
  observed: number | null;
  /** p_e: agreement expected from the two coders' own marginals; null when n = 0 */
  expected: number | null;
  reasonUndefined?: string;
}

/** Cohen's kappa from a K×K table (rows coder A, columns coder B), in exact integer arithmetic. */
function cohenFromTable(t: ArrayLike<number>, K: number): CohenResult {
  let n = 0;
  let diag = 0;
  let peNum = 0; // Σ_c rowA_c · colB_c
  for (let c = 0; c < K; c++) {
    let row = 0;
    let col = 0;
    for (let k = 0; k < K; k++) {
      row += t[c * K + k]!;
      col += t[k * K + c]!;
    }
    n += row;
    diag += t[c * K + c]!;
    peNum += row * col;
  }
  if (n === 0) return { kappa: null, n, observed: null, expected: null, reasonUndefined: "no units coded by both coders" };
  const observed = diag / n;
  const expected = peNum / (n * n);
  if (peNum === n * n) {
    return { kappa: null, n, observed, expected, reasonUndefined: "only one category used: expected agreement is 1" };
  }
  return { kappa: (n * diag - peNum) / (n * n - peNum), n, observed, expected };
}

/** Cohen's kappa for two coders; `pairs[i] = [value of coder A, value of coder B]` for unit i. */
export function cohenKappa(pairs: readonly (readonly [Value, Value])[]): CohenResult {
  const index = new Map<Value, number>();
  const codes = new Int32Array(pairs.length * 2);
  pairs.forEach(([a, b], i) => {
    for (const [j, v] of [
      [0, a],
      [1, b],
    ] as const) {
      let c = index.get(v);
      if (c === undefined) index.set(v, (c = index.size));
      codes[2 * i + j] = c;
    }
  });
  const K = index.size;
  const t = new Float64Array(K * K);
  for (let i = 0; i < pairs.length; i++) t[codes[2 * i]! * K + codes[2 * i + 1]!]! += 1;
  return cohenFromTable(t, K);
}

export interface PairwiseCohen {
  coders: string[];
  /** kappa[i][j]: Cohen's kappa of coders i and j over the units both coded (symmetric);
   *  null when undefined, and on the diagonal (not computed) */
  kappa: (number | null)[][];
  /** n[i][j]: units coded by both i and j; n[i][i]: units coded by i */
  n: number[][];
}

export function pairwiseCohenEncoded(enc: EncodedData): PairwiseCohen {
  const C = enc.coders.length;
  const K = enc.categories.length;
  const tables: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(C * C);
  const own = new Array<number>(C).fill(0);
  const { offsets, coder, code } = enc;
  for (let u = 0; u + 1 < offsets.length; u++) {
    const s = offsets[u]!;
    const e = offsets[u + 1]!;
    for (let i = s; i < e; i++) {
      const p = coder[i]!;
      own[p]!++;
      for (let j = i + 1; j < e; j++) {
        const q = coder[j]!;
        // keep tables oriented with the lower coder index on the rows
        const key = p < q ? p * C + q : q * C + p;
        const cell = p < q ? code[i]! * K + code[j]! : code[j]! * K + code[i]!;
        let t = tables[key];
        if (!t) tables[key] = t = new Int32Array(K * K);
        t[cell]!++;
      }
    }
  }
  const kappa: (number | null)[][] = [];
  const n: number[][] = [];
  for (let i = 0; i < C; i++) {
    kappa.push(new Array<number | null>(C).fill(null));
    n.push(new Array<number>(C).fill(0));
  }
  for (let i = 0; i < C; i++) {
    n[i]![i] = own[i]!;
    for (let j = i + 1; j < C; j++) {
      const t = tables[i * C + j];
      if (!t) continue;
      const r = cohenFromTable(t, K);
      kappa[i]![j] = kappa[j]![i] = r.kappa;
      n[i]![j] = n[j]![i] = r.n;
    }
  }
  return { coders: [...enc.coders], kappa, n };
}

/** Cohen's kappa for every pair of coders, each over the units both of them coded. */
export function pairwiseCohen<V extends Value>(data: ReliabilityData<V>): PairwiseCohen {
  return pairwiseCohenEncoded(encode(data));
}

export interface FleissResult {
  /** null when undefined (see reasonUndefined); never NaN */
  kappa: number | null;
  /** units used for the observed agreement: those with 2 or more ratings (n′) */
  units: number;
  /**
   * rated units left out of the observed agreement because they have a single rating (no pair to
   * agree or disagree); their rating still counts in the category proportions, as in Gwet's formula
   */
  unitsExcluded: number;
  /** the fewest and the most ratings in a unit used (0 when no unit is used) */
  minRatings: number;
  maxRatings: number;
  /** distinct coders who rated the units used */
  coders: number;
  /** p_a: mean agreement within the units used; null when no unit is used */
  observed: number | null;
  /** p_e = Σ_k π_k²; null when no unit is used */
  expected: number | null;
  reasonUndefined?: string;
}

/** Why `unitsExcluded` units are not in the observed agreement (shown beside the count). */
export const FLEISS_EXCLUDED_REASON = "a single rating: no pair of raters to compare";

/**
 * Fleiss' kappa generalised to a varying number of ratings per unit (Gwet, Handbook of
 * Inter-Rater Reliability, 4th ed., ch. 2, "Fleiss' generalized kappa"; irrCAC's
 * fleiss.kappa.raw computes the same):
 *
 *   p_a = (1/n′) Σ_{i: r_i ≥ 2} Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
 *   π_k = (1/n) Σ_{i: r_i ≥ 1} r_ik / r_i          p_e = Σ_k π_k²          κ = (p_a − p_e) / (1 − p_e)
 *
 * where r_i is the number of ratings of unit i, r_ik those in category k, n the units with at
 * least one rating and n′ those with two or more. With the same number of ratings in every unit
 * this is Fleiss (1971) exactly. Units with one rating cannot show agreement and are left out of
 * p_a (counted in `unitsExcluded`) but, as in Gwet's formula, still inform the proportions π_k.
 */
export function fleissKappaEncoded(enc: EncodedData): FleissResult {
  const { offsets, coder, code } = enc;
  const U = offsets.length - 1;
  const K = enc.categories.length;
  const cnt = new Int32Array(K);
  const pi = new Float64Array(K); // Σ_i r_ik / r_i over rated units
  const coderUsed = new Uint8Array(enc.coders.length);
  let rated = 0;
  let used = 0;
  let agreement = 0; // Σ over used units of the unit's agreement
  let minRatings = 0;
  let maxRatings = 0;
  for (let u = 0; u < U; u++) {
    const s = offsets[u]!;
    const e = offsets[u + 1]!;
    const r = e - s;
    if (r === 0) continue;
    rated++;
    for (let i = s; i < e; i++) cnt[code[i]!]!++;
    let pairs = 0; // Σ_k r_ik (r_ik − 1)
    for (let i = s; i < e; i++) {
      const c = code[i]!;
      const x = cnt[c]!;
      if (x === 0) continue; // category already taken from this unit
      pi[c]! += x / r;
      pairs += x * (x - 1);
      cnt[c] = 0;
    }
    if (r < 2) continue;
    used++;
    agreement += pairs / (r * (r - 1));
    for (let i = s; i < e; i++) coderUsed[coder[i]!] = 1;
    minRatings = minRatings === 0 ? r : Math.min(minRatings, r);
    maxRatings = Math.max(maxRatings, r);
  }
  const coders = coderUsed.reduce((a, b) => a + b, 0);
  const base = { units: used, unitsExcluded: rated - used, minRatings, maxRatings, coders };
  if (used === 0) return { kappa: null, ...base, observed: null, expected: null, reasonUndefined: "no unit has 2 or more ratings" };
  let expected = 0;
  let categoriesUsed = 0;
  for (let k = 0; k < K; k++) {
    if (pi[k]! === 0) continue;
    categoriesUsed++;
    const p = pi[k]! / rated;
    expected += p * p;
  }
  const observed = agreement / used;
  if (categoriesUsed === 1)
    return { kappa: null, ...base, observed, expected: 1, reasonUndefined: "only one category used: expected agreement is 1" };
  return { kappa: (observed - expected) / (1 - expected), ...base, observed, expected };
}

export function fleissKappa<V extends Value>(data: ReliabilityData<V>): FleissResult {
  return fleissKappaEncoded(encode(data));
}

export interface PercentAgreementResult {
  /** mean over pairable units of the share of agreeing coder pairs in the unit, 0..1; null without pairable units */
  agreement: number | null;
  /** the same as a percentage, 0..100 */
  percent: number | null;
  /** pairable units (units with 2 or more values) */
  units: number;
  /** coder pairs compared, Σ_u m_u (m_u − 1) / 2 */
  pairs: number;
  reasonUndefined?: string;
}

export function percentAgreementEncoded(enc: EncodedData): PercentAgreementResult {
  const { offsets, code } = enc;
  const cnt = new Int32Array(enc.categories.length);
  let units = 0;
  let pairs = 0;
  let sum = 0;
  for (let u = 0; u + 1 < offsets.length; u++) {
    const s = offsets[u]!;
    const e = offsets[u + 1]!;
    const m = e - s;
    if (m < 2) continue;
    units++;
    let agree = 0;
    for (let i = s; i < e; i++) agree += cnt[code[i]!]!++; // each earlier equal value forms one agreeing pair
    for (let i = s; i < e; i++) cnt[code[i]!] = 0;
    const p = (m * (m - 1)) / 2;
    pairs += p;
    sum += agree / p;
  }
  if (units === 0) {
    return { agreement: null, percent: null, units, pairs, reasonUndefined: "no unit was coded by 2 or more coders" };
  }
  const agreement = sum / units;
  return { agreement, percent: agreement * 100, units, pairs };
}

/** Observed pairwise agreement: in each pairable unit, the share of coder pairs that agree; averaged over units. */
export function percentAgreement<V extends Value>(data: ReliabilityData<V>): PercentAgreementResult {
  return percentAgreementEncoded(encode(data));
}

export interface ConfusionMatrix<V extends Value = Value> {
  /** every category in the data (or opts.order), in the default order; labels rows and columns */
  categories: V[];
  /** counts[a][b]: units where coderA gave categories[a] and coderB gave categories[b] */
  counts: number[][];
  /** units coded by both */
  n: number;
}

/** Confusion matrix of two coders over the units both coded. Throws RangeError for an unknown coder. */
export function confusionMatrix<V extends Value>(
  data: ReliabilityData<V>,
  coderA: string,
  coderB: string,
  opts: CategoryOptions<V> = {},
): ConfusionMatrix<V> {
  const enc = encode(data, opts);
  const a = enc.coders.indexOf(coderA);
  const b = enc.coders.indexOf(coderB);
  if (a < 0) throw new RangeError(`agreement: unknown coder ${coderA}`);
  if (b < 0) throw new RangeError(`agreement: unknown coder ${coderB}`);
  const K = enc.categories.length;
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let n = 0;
  const { offsets, coder, code } = enc;
  for (let u = 0; u + 1 < offsets.length; u++) {
    let ca = -1;
    let cb = -1;
    for (let i = offsets[u]!; i < offsets[u + 1]!; i++) {
      if (coder[i] === a) ca = code[i]!;
      if (coder[i] === b) cb = code[i]!;
    }
    if (ca >= 0 && cb >= 0) {
      counts[ca]![cb]!++;
      n++;
    }
  }
  return { categories: enc.categories, counts, n };
}
