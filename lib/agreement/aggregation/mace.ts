/**
 * MACE, Multi-Annotator Competence Estimation (Hovy, Berg-Kirkpatrick, Vaswani & Hovy, NAACL
 * 2013). Each annotator a either knows the true label (probability ξ_a, the competence) and gives
 * it, or "spams" and draws a label from a strategy θ_a. The generative story per annotation:
 *   P(answer v | truth l) = (1 − ξ_a) θ_a[v] + ξ_a [v = l]
 * with a uniform prior over true labels. Parameters are fitted, as in the authors' implementation
 * (the default there), by variational-Bayes EM with Beta(α, β) priors on (spamming, knowing) and
 * symmetric Dirichlet(10) priors on θ: the M-step sets each parameter to exp(ψ(count + prior)) /
 * exp(ψ(Σ counts + priors)). Several random restarts (seeded here, so results repeat) and the one
 * with the highest log marginal likelihood wins; its E-step gives the posteriors.
 *
 * Ties: `label` is the class with the highest posterior, the first on an exact tie (as the authors'
 * decoder). With k = 2 disagreeing annotators the posterior follows the more competent one; two
 * annotators of equal competence leave the item tied between their answers.
 */
import { mulberry32 } from "@/lib/prng";
import { distinctPatterns, expandPatterns, type AggregationResult, type RatingCounts } from "./counts";

export interface MaceOptions {
  /** Beta prior on (spamming, knowing); α > β expects unreliable annotators (default 0.5, 0.5) */
  alpha?: number;
  beta?: number;
  /** EM rounds per restart (default 50) and restarts (default 10), the authors' defaults */
  iterations?: number;
  restarts?: number;
  /** seed of the random initialisation (default 1) */
  seed?: number;
}

export interface MaceResult extends AggregationResult {
  /** ξ_a: the probability that annotator a knows and gives the true label */
  competence: Float64Array;
  /** θ_a[v] at (a * classes + v): what annotator a answers when not knowing */
  strategy: Float64Array;
}

const INIT_NOISE = 0.5;
const STRATEGY_PRIOR = 10;

export function mace(data: RatingCounts, options: MaceOptions = {}): MaceResult {
  const { alpha = 0.5, beta = 0.5, iterations = 50, restarts = 10, seed = 1 } = options;
  const { annotators: A, classes: L } = data;
  const random = mulberry32(seed);
  const patterns = distinctPatterns(data);
  const state = newState(patterns.counts);
  let rounds = 0;
  let best: { knowing: Float64Array; theta: Float64Array; ll: number } | null = null;

  for (let r = 0; r < restarts; r++) {
    // random start: 1 + noise·U(0,1) for every parameter, normalised
    for (let a = 0; a < A; a++) {
      const s0 = 1 + INIT_NOISE * random();
      const s1 = 1 + INIT_NOISE * random();
      state.knowing[a] = s1 / (s0 + s1);
      let sum = 0;
      for (let l = 0; l < L; l++) sum += state.theta[a * L + l] = 1 + INIT_NOISE * random();
      for (let l = 0; l < L; l++) state.theta[a * L + l] = state.theta[a * L + l]! / sum;
    }
    state.spamming = state.knowing.map((k) => 1 - k);
    let ll = eStep(patterns.counts, patterns.weight, state);
    for (let t = 0; t < iterations; t++) {
      variationalMStep(state, A, L, alpha, beta);
      rounds++;
      const previous = ll;
      ll = eStep(patterns.counts, patterns.weight, state);
      // converged: the remaining rounds of the authors' fixed 50 would not move anything
      if (Math.abs(ll - previous) <= 1e-12 * Math.abs(ll)) break;
    }
    if (!best || ll > best.ll) best = { knowing: state.knowing.slice(), theta: state.theta.slice(), ll };
  }

  state.knowing.set(best!.knowing);
  state.spamming = best!.knowing.map((k) => 1 - k);
  state.theta.set(best!.theta);
  const logLikelihood = eStep(patterns.counts, patterns.weight, state);
  const { posterior, label } = expandPatterns(patterns, L, state.gold);
  return { posterior, label, logLikelihood, iterations: rounds, competence: state.knowing, strategy: state.theta };
}

interface State {
  /** ξ and 1 − ξ per annotator; after a variational M-step they need not sum to 1 */
  knowing: Float64Array;
  spamming: Float64Array;
  theta: Float64Array;
  /** expected counts of the E-step */
  knowingCounts: Float64Array;
  spammingCounts: Float64Array;
  strategyCounts: Float64Array;
  /** normalised posterior per item and class */
  gold: Float64Array;
}

function newState({ items, annotators: A, classes: L }: RatingCounts): State {
  return {
    knowing: new Float64Array(A),
    spamming: new Float64Array(A),
    theta: new Float64Array(A * L),
    knowingCounts: new Float64Array(A),
    spammingCounts: new Float64Array(A),
    strategyCounts: new Float64Array(A * L),
    gold: new Float64Array(items * L),
  };
}

/**
 * Posteriors and expected counts (each pattern counted `weight` times); returns the log marginal
 * likelihood. An answer v of annotator a has probability guess = (1 − ξ_a) θ_a[v] under every
 * truth but v, and guess + ξ_a under v, so an item's likelihood per truth l is Π guess times the
 * ratio (guess + ξ_a) / guess of the answers equal to l: O(1) work per answer, O(classes) per item.
 */
function eStep(data: RatingCounts, weight: Float64Array, s: State): number {
  const { items, annotators: A, classes: L, annotator, value, count, itemStart } = data;
  const { gold, knowingCounts, spammingCounts, strategyCounts } = s;
  knowingCounts.fill(0);
  spammingCounts.fill(0);
  strategyCounts.fill(0);
  const logGuess = new Float64Array(A * L);
  const ratio = new Float64Array(A * L);
  const knowShare = new Float64Array(A * L); // ξ / (guess + ξ): P(knew | answered v, truth v)
  for (let a = 0; a < A; a++) {
    for (let v = 0; v < L; v++) {
      const guess = s.spamming[a]! * s.theta[a * L + v]!;
      logGuess[a * L + v] = Math.log(guess);
      ratio[a * L + v] = (guess + s.knowing[a]!) / guess;
      knowShare[a * L + v] = s.knowing[a]! / (guess + s.knowing[a]!);
    }
  }
  const r = new Float64Array(L);
  let ll = 0;
  for (let i = 0; i < items; i++) {
    const start = itemStart[i]!;
    const end = itemStart[i + 1]!;
    if (start === end) {
      gold.fill(1 / L, i * L, i * L + L);
      continue;
    }
    r.fill(1);
    let logScale = 0;
    for (let e = start; e < end; e++) {
      const x = annotator[e]! * L + value[e]!;
      const n = count[e]!;
      logScale += n * logGuess[x]!;
      const v = value[e]!;
      r[v] = r[v]! * (n === 1 ? ratio[x]! : ratio[x]! ** n);
      if (r[v]! > 1e200) {
        for (let l = 0; l < L; l++) r[l] = r[l]! / 1e200;
        logScale += Math.log(1e200);
      }
    }
    let sum = 0;
    for (let l = 0; l < L; l++) sum += r[l]!;
    const w = weight[i]!;
    ll += w * (logScale + Math.log(sum / L));
    for (let l = 0; l < L; l++) gold[i * L + l] = r[l]! / sum;
    for (let e = start; e < end; e++) {
      const a = annotator[e]!;
      const x = a * L + value[e]!;
      const n = w * count[e]!;
      const knew = gold[i * L + value[e]!]! * knowShare[x]!;
      knowingCounts[a]! += n * knew;
      spammingCounts[a]! += n * (1 - knew);
      strategyCounts[x]! += n * (1 - knew);
    }
  }
  return ll;
}

function variationalMStep(s: State, A: number, L: number, alpha: number, beta: number): void {
  for (let a = 0; a < A; a++) {
    const norm = Math.exp(digamma(s.spammingCounts[a]! + alpha + s.knowingCounts[a]! + beta));
    s.spamming[a] = Math.exp(digamma(s.spammingCounts[a]! + alpha)) / norm;
    s.knowing[a] = Math.exp(digamma(s.knowingCounts[a]! + beta)) / norm;
    let total = 0;
    for (let l = 0; l < L; l++) total += s.strategyCounts[a * L + l]! + STRATEGY_PRIOR;
    const tnorm = Math.exp(digamma(total));
    for (let l = 0; l < L; l++) s.theta[a * L + l] = Math.exp(digamma(s.strategyCounts[a * L + l]! + STRATEGY_PRIOR)) / tnorm;
  }
}

/**
 * ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic series
 * (error below 1e-13 there).
 */
export function digamma(x: number): number {
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return (
    result +
    Math.log(x) -
    0.5 / x -
    f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))))
  );
}
