/**
 * Quote structure and attribution cues, shared by the segmenter (lib/segment) and the extractor
 * (lib/suggest): one definition of what is quoted and of what an attribution looks like.
 */
export { findQuotes, quoteAt, type QuoteMark, type QuoteSpan } from "./marks";
export { CUE_FORMS, CUE_PHRASES, WEAK_CUES, cueVerb, isAttributionOnly, startsWithAttribution } from "./cues";
