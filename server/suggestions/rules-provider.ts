/**
 * The built-in provider: lib/suggest's rules, in-process. Suggests the dimensions the extractor
 * knows (sourcing, source_type, source_side, source_name) where the project's schema has them;
 * quote spans and the cue travel as evidence on the sourcing suggestion, never as labels.
 */
import { suggestForDocument, type Suggested } from "@/lib/suggest";
import { suggestionProblems, type CheckedSuggestion } from "@/lib/suggest/protocol";
import type { ProviderSuggestion, SuggestionProvider, SuggestionRequest } from "./provider";

export const RULES_PROVIDER_ID = "rules";

/** What the rules find, limited to what the project's schema can hold (a project without `source_type` gets none). */
export function rulesSuggestions(request: SuggestionRequest): CheckedSuggestion[] {
  return suggestionProblems(request, extract(request)).checked;
}

const PRONOUN = /^(?:he|she|they|it|him|her|them)$/iu;

function extract(request: SuggestionRequest): ProviderSuggestion[] {
  const { document, segments, project } = request;
  const byName = new Map(project.targets.map((t) => [t.name, t.key]));
  const results = suggestForDocument(
    document.text,
    segments.map((s) => (s.kind ? { start: s.start, end: s.end, kind: s.kind } : { start: s.start, end: s.end })),
    { targets: project.targets.map((t) => t.name) },
  );
  // Object literals, not spreads: ~50 suggestions per article, and V8 copies spreads slowly.
  const out: ProviderSuggestion[] = [];
  const push = (segmentId: string, dimension: string, s: Suggested<string>, evidence?: ProviderSuggestion["evidence"]) => {
    const suggestion: ProviderSuggestion = { segmentId, target: null, dimension, value: s.value, rule: s.rule, confidence: s.confidence };
    if (evidence) suggestion.evidence = evidence;
    out.push(suggestion);
  };
  for (const r of results) {
    const segmentId = segments[r.index]!.id;
    let evidence: ProviderSuggestion["evidence"];
    if (r.quotes.length || r.cue) {
      evidence = {};
      if (r.quotes.length) evidence.quotes = r.quotes;
      if (r.cue) evidence.cue = [r.cue.start, r.cue.end];
    }
    push(segmentId, "sourcing", r.sourcing, evidence);
    if (r.sourceType) push(segmentId, "source_type", r.sourceType);
    if (r.sourceSide) {
      const key = r.sourceSide.value === "independent_unclear" ? r.sourceSide.value : byName.get(r.sourceSide.value);
      if (key) push(segmentId, "source_side", { value: key, rule: r.sourceSide.rule, confidence: r.sourceSide.confidence });
    }
    const name = r.speakerCanonical ?? (r.speaker && !PRONOUN.test(r.speaker.value) ? r.speaker.value : null);
    if (r.speaker && name) push(segmentId, "source_name", { value: name, rule: r.speaker.rule, confidence: r.speaker.confidence });
  }
  return out;
}

export const rulesProvider: SuggestionProvider = {
  id: RULES_PROVIDER_ID,
  suggest: async (request) => ({ suggestions: rulesSuggestions(request) }),
  suggestChecked: rulesSuggestions,
};
