/** A document and the request a suggestion provider gets for it, for tests of providers without a database. */
import { newsStanceSourcingTemplate } from "@/lib/schema/templates";
import { segmentText } from "@/lib/segment";
import type { SuggestionRequest } from "@/server/suggestions/provider";

/** Written for Slant's tests; not from any outlet. */
export const PROVIDER_ARTICLE = [
  "Talks stall in Geneva",
  "",
  '"We are not there yet," Turkish Foreign Minister Mevlut Cavusoglu said on Monday.',
  "",
  "The talks resumed in the afternoon.",
].join("\n");

/** PROVIDER_ARTICLE segmented, with the news template and the targets Turkey and Azerbaijan; segment ids seg0, seg1… */
export function providerRequest(): SuggestionRequest {
  const text = PROVIDER_ARTICLE;
  return {
    project: {
      targets: [
        { key: "turkey", name: "Turkey" },
        { key: "azerbaijan", name: "Azerbaijan" },
      ],
      schema: newsStanceSourcingTemplate(),
      guidelines: "",
    },
    document: { id: "doc1", text },
    segments: segmentText(text).map((s, index) => ({
      id: `seg${index}`,
      index,
      start: s.start,
      end: s.end,
      text: text.slice(s.start, s.end),
      kind: s.kind ?? null,
    })),
  };
}
