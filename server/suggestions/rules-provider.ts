/**
 * The built-in provider: lib/suggest's rules, in-process. Suggests the dimensions the extractor
 * knows (sourcing, source_type, source_side, source_name) where the project's schema has them;
 * quote spans and the cue travel as evidence on the sourcing suggestion, never as labels.
 */
import { suggestForDocument } from "@/lib/suggest";
import { suggestionProblems } from "@/lib/suggest/protocol";
import type { ProviderSuggestion, SuggestionProvider, SuggestionRequest } from "./provider";

export const RULES_PROVIDER_ID = "rules";

/** What the rules find, limited to what the project's schema can hold (a project without `source_type` gets none). */
export function rulesSuggestions(request: SuggestionRequest): ProviderSuggestion[] {
  return suggestionProblems(request, extract(request)).checked;
}

function extract(request: SuggestionRequest): ProviderSuggestion[] {
  const { document, segments, project } = request;
  const byName = new Map(project.targets.map((t) => [t.name, t.key]));
  const results = suggestForDocument(
    document.text,
    segments.map((s) => ({ start: s.start, end: s.end, ...(s.kind ? { kind: s.kind } : {}) })),
    { targets: project.targets.map((t) => t.name) },
  );
  const out: ProviderSuggestion[] = [];
  for (const r of results) {
    const segmentId = segments[r.index]!.id;
    const evidence: ProviderSuggestion["evidence"] = {};
    if (r.quotes.length) evidence.quotes = r.quotes;
    if (r.cue) evidence.cue = [r.cue.start, r.cue.end];
    const base = { segmentId, target: null };
    out.push({ ...base, dimension: "sourcing", ...r.sourcing, ...(evidence.quotes || evidence.cue ? { evidence } : {}) });
    if (r.sourceType) out.push({ ...base, dimension: "source_type", ...r.sourceType });
    if (r.sourceSide) {
      const key = r.sourceSide.value === "independent_unclear" ? r.sourceSide.value : byName.get(r.sourceSide.value);
      if (key) out.push({ ...base, dimension: "source_side", ...r.sourceSide, value: key });
    }
    const name = r.speakerCanonical ?? (r.speaker && !/^(?:he|she|they|it|him|her|them)$/iu.test(r.speaker.value) ? r.speaker.value : null);
    if (r.speaker && name)
      out.push({ ...base, dimension: "source_name", value: name, rule: r.speaker.rule, confidence: r.speaker.confidence });
  }
  return out;
}

export const rulesProvider: SuggestionProvider = {
  id: RULES_PROVIDER_ID,
  suggest: async (request) => ({ suggestions: rulesSuggestions(request) }),
};
