import { encode } from "./encode";
import { fleissKappaEncoded, pairwiseCohenEncoded, percentAgreementEncoded } from "./kappa";
import type { FleissResult, PairwiseCohen, PercentAgreementResult } from "./kappa";
import { alphaFromCoincidences, coincidencesEncoded } from "./krippendorff";
import type { AlphaOptions, AlphaResult } from "./krippendorff";
import type { ReliabilityData, Value } from "./types";

export interface AgreementReport<V extends Value = Value> {
  level: AlphaOptions["level"];
  /** units in the input, pairable or not */
  units: number;
  /** pairable units (coded by 2 or more coders) */
  pairableUnits: number;
  /** every coder with at least one value */
  coders: string[];
  /** categories seen (or opts.order), in rank order */
  categories: V[];
  /** Krippendorff's alpha at `level` */
  alpha: AlphaResult;
  /** Fleiss' kappa (nominal) */
  fleiss: FleissResult;
  /** Cohen's kappa per pair of coders (nominal) */
  pairwiseCohen: PairwiseCohen;
  /** observed pairwise agreement (nominal) */
  percentAgreement: PercentAgreementResult;
}

/**
 * All agreement figures for one dimension (one variable) at once, encoding the data once.
 * Alpha uses `opts.level`; Fleiss, Cohen and percent agreement are nominal statistics.
 */
export function agreementReport<V extends Value>(data: ReliabilityData<V>, opts: AlphaOptions<V>): AgreementReport<V> {
  const enc = encode(data, opts);
  const co = coincidencesEncoded(enc);
  const percent = percentAgreementEncoded(enc);
  return {
    level: opts.level,
    units: enc.unitIds.length,
    pairableUnits: co.units,
    coders: [...enc.coders],
    categories: enc.categories,
    alpha: alphaFromCoincidences(co, opts.level, enc.categories, opts.order !== undefined),
    fleiss: fleissKappaEncoded(enc),
    pairwiseCohen: pairwiseCohenEncoded(enc),
    percentAgreement: percent,
  };
}
