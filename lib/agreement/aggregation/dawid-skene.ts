/**
 * Dawid & Skene (1979), "Maximum likelihood estimation of observer error-rates using the EM
 * algorithm": every annotator k has a full confusion matrix π_k[j][l] (the probability of answering
 * l when the truth is j), the classes have prior probabilities p_j, and EM alternates
 *   M-step (eqs. 2.3, 2.4): p_j = Σ_i T_ij / I;  π_k[j][l] ∝ Σ_i T_ij n_ikl
 *   E-step (eq. 2.5):       T_ij ∝ p_j Π_k Π_l π_k[j][l]^n_ikl
 * starting from T = each item's share of answers per class (eq. 3.1), until neither p nor π moves
 * by more than `tolerance` (sum of absolute changes), as in the paper. Maximum likelihood, no
 * smoothing: a class no annotator ever used keeps probability 0.
 *
 * Ties: the posterior is the model's answer; `label` takes the first class on an exact tie. With
 * k = 2 annotators who disagree, the posterior follows the annotator whose confusion matrix makes
 * the disagreement more likely; on a symmetric start it may stay a tie.
 */
import { distinctPatterns, expandPatterns, type AggregationResult, type RatingCounts } from "./counts";

export interface DawidSkeneOptions {
  /** stop when Σ|Δp| and Σ|Δπ| are both below this (default 1e-5) */
  tolerance?: number;
  /** at most this many EM rounds (default 100) */
  maxIterations?: number;
}

export interface DawidSkeneResult extends AggregationResult {
  /** p_j: estimated prevalence of each class */
  classPriors: Float64Array;
  /** confusion[(k * classes + j) * classes + l] = π_k[j][l]; a row nobody answered is all 0 */
  confusion: Float64Array;
  /** per annotator, Σ_j p_j π_k[j][j]: the probability of answering correctly on a random item */
  accuracy: Float64Array;
}

export function dawidSkene(data: RatingCounts, options: DawidSkeneOptions = {}): DawidSkeneResult {
  const tolerance = options.tolerance ?? 1e-5;
  const maxIterations = options.maxIterations ?? 100;
  // I counts the items; the loops run over the distinct rating patterns (Q), each weighted by w
  const I = data.items;
  const patterns = distinctPatterns(data);
  const w = patterns.weight;
  const { items: Q, annotators: K, classes: J, annotator, value, count, itemStart } = patterns.counts;

  // eq. 3.1: the share of each item's answers per class
  const T = new Float64Array(Q * J);
  for (let i = 0; i < Q; i++) {
    let total = 0;
    for (let e = itemStart[i]!; e < itemStart[i + 1]!; e++) {
      T[i * J + value[e]!]! += count[e]!;
      total += count[e]!;
    }
    for (let j = 0; j < J; j++) T[i * J + j] = total > 0 ? T[i * J + j]! / total : 1 / J;
  }

  const p = new Float64Array(J);
  const pi = new Float64Array(K * J * J);
  const prevP = new Float64Array(J);
  const prevPi = new Float64Array(K * J * J);
  const logP = new Float64Array(J);
  const logPi = new Float64Array(K * J * J);
  const row = new Float64Array(J);
  let logLikelihood = 0;
  let iterations = 0;

  for (; iterations < maxIterations;) {
    iterations++;
    // M-step
    p.fill(0);
    pi.fill(0);
    for (let i = 0; i < Q; i++) {
      for (let j = 0; j < J; j++) p[j]! += w[i]! * T[i * J + j]!;
      for (let e = itemStart[i]!; e < itemStart[i + 1]!; e++) {
        const base = annotator[e]! * J * J + value[e]!;
        const n = w[i]! * count[e]!;
        for (let j = 0; j < J; j++) pi[base + j * J]! += T[i * J + j]! * n;
      }
    }
    for (let j = 0; j < J; j++) p[j] = p[j]! / I;
    for (let r = 0; r < K * J; r++) {
      let s = 0;
      for (let l = 0; l < J; l++) s += pi[r * J + l]!;
      if (s > 0) for (let l = 0; l < J; l++) pi[r * J + l] = pi[r * J + l]! / s;
    }

    // E-step, in logs: an item with many answers would underflow a plain product
    for (let j = 0; j < J; j++) logP[j] = Math.log(p[j]!);
    for (let x = 0; x < logPi.length; x++) logPi[x] = Math.log(pi[x]!);
    logLikelihood = 0;
    for (let i = 0; i < Q; i++) {
      row.set(logP);
      for (let e = itemStart[i]!; e < itemStart[i + 1]!; e++) {
        const base = annotator[e]! * J * J + value[e]!;
        const n = count[e]!;
        for (let j = 0; j < J; j++) row[j]! += n * logPi[base + j * J]!;
      }
      logLikelihood += w[i]! * normaliseLogRow(row, T, i * J, J);
    }

    let change = 0;
    for (let j = 0; j < J; j++) change += Math.abs(p[j]! - prevP[j]!);
    let changePi = 0;
    for (let x = 0; x < pi.length; x++) changePi += Math.abs(pi[x]! - prevPi[x]!);
    if (iterations > 1 && change < tolerance && changePi < tolerance) break;
    prevP.set(p);
    prevPi.set(pi);
  }

  const { posterior, label } = expandPatterns(patterns, J, T);
  const accuracy = new Float64Array(K);
  for (let k = 0; k < K; k++) for (let j = 0; j < J; j++) accuracy[k]! += p[j]! * pi[(k * J + j) * J + j]!;
  return { posterior, label, logLikelihood, iterations, classPriors: p, confusion: pi, accuracy };
}

/**
 * exp-normalise `row` (log weights) into out[offset..offset+n) and return log Σ exp(row). A row
 * that is -∞ everywhere (answers impossible under every class) becomes uniform.
 */
function normaliseLogRow(row: Float64Array, out: Float64Array, offset: number, n: number): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (row[j]! > max) max = row[j]!;
  if (max === -Infinity) {
    for (let j = 0; j < n; j++) out[offset + j] = 1 / n;
    return -Infinity;
  }
  let s = 0;
  for (let j = 0; j < n; j++) s += out[offset + j] = Math.exp(row[j]! - max);
  for (let j = 0; j < n; j++) out[offset + j] = out[offset + j]! / s;
  return max + Math.log(s);
}
