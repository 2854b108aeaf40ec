/**
 * Inter-annotator agreement for Slant: Krippendorff's alpha (nominal, ordinal, interval,
 * ratio), Fleiss' and Cohen's kappa, percent agreement, confusion matrices, and token-level
 * span agreement. Pure TypeScript, no framework or Node dependencies.
 * Input shapes are documented in ./types.ts.
 */
export type { Cell, CategoryOptions, Level, ReliabilityData, ReliabilityMatrix, Unit, Value } from "./types";
export { encode, type EncodedData } from "./encode";
export { coincidenceMatrix, krippendorffAlpha, type AlphaOptions, type AlphaResult, type CoincidenceMatrix } from "./krippendorff";
export {
  cohenKappa,
  confusionMatrix,
  FLEISS_EXCLUDED_REASON,
  fleissKappa,
  pairwiseCohen,
  percentAgreement,
  type CohenResult,
  type ConfusionMatrix,
  type FleissResult,
  type PairwiseCohen,
  type PercentAgreementResult,
} from "./kappa";
export { agreementReport, type AgreementReport } from "./report";
export { spanUnitsFromTokens, type CharSpan, type CoderSpans, type SpanValue, type TokenBoundary } from "./spans";
