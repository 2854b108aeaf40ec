/**
 * Built-in label-schema templates. A project copies one of these into its own stored schema.
 *
 * Keyboard map. Every key of a template is active at once in the workspace, so keys are unique
 * across the whole template (the schema itself only requires uniqueness within a dimension), and
 * none is one of the workspace's own keys (RESERVED_KEYS: the one-character NAV_KEYS of
 * lib/workspace/keymap.ts — j/k next/previous sentence, t/T next/previous target, / note,
 * f flag for review, z undo, G guidelines, ? help, ' find a word, n/N next/previous match).
 *
 *   News stance & sourcing:
 *     stance (for the focused target)  1 favorable · 2 unfavorable · 3 neutral
 *     source_side                      0 independent_unclear; the project's targets are picked from
 *                                      the target list (the workspace may give them 4–9)
 *     sourcing                         q direct_quote · p paraphrased_attribution ·
 *                                      c unattributed_claim (claim) · x no_claim
 *     source_type                      o government_official (official) · m military ·
 *                                      l politician_party (politician) · e expert_academic ·
 *                                      i international_org_ngo · w news_media_agency (wire) ·
 *                                      v eyewitness_civilian (civilian) · s social_media_post ·
 *                                      a anonymous_unnamed · r other
 *     spans (marks the selected words) h loaded_language (heated) · b opinion_or_speculation (belief)
 *   Sentence bias (BABE):
 *     bias 1 biased · 2 non_biased; opinion 3 opinion · 4 factual · 5 mixed; spans h loaded_language
 */
import type { LabelSchema } from "./schema";
import type { Dimension } from "./types";

/** Keys the workspace uses itself; templates never assign them to values. */
export const RESERVED_KEYS: readonly string[] = ["j", "k", "t", "/", "f", "z", "?", "'", "n"]; // keep in step with NAV_KEYS (lib/workspace/keymap.test.ts checks)

const quoted = () => ({ when: { dimension: "sourcing", in: ["direct_quote", "paraphrased_attribution"] } });

const loadedLanguage = () => ({
  id: "loaded_language",
  label: "Loaded language",
  description: 'Words chosen to provoke emotion or pass judgement (e.g. "brutal regime", "slammed").',
  key: "h",
});

const note = (): Dimension => ({
  id: "note",
  label: "Note",
  description: "Anything the reviewer should know about this sentence.",
  kind: "text",
  maxLength: 2000,
  required: "never",
});

export function newsStanceSourcingTemplate(): LabelSchema {
  return {
    version: 1,
    name: "News stance & sourcing",
    dimensions: [
      {
        id: "stance",
        label: "Stance",
        description: "How the sentence presents each target; leave empty when it says nothing about it.",
        kind: "per_target",
        required: "never",
        values: [
          { id: "favorable", label: "Favorable", description: "Presents the target positively or sympathetically.", key: "1" },
          { id: "unfavorable", label: "Unfavorable", description: "Presents the target negatively: blame, criticism, threat.", key: "2" },
          { id: "neutral", label: "Neutral", description: "Mentions the target without taking a side.", key: "3" },
        ],
      },
      {
        id: "sourcing",
        label: "Sourcing",
        description: "Whether the sentence's claim is attributed, and how.",
        kind: "single",
        required: "always",
        values: [
          { id: "direct_quote", label: "Direct quote", description: "Someone's exact words in quotation marks.", key: "q" },
          {
            id: "paraphrased_attribution",
            label: "Paraphrased attribution",
            description: "Someone's claim in the writer's words (\"X said that ...\").",
            key: "p",
          },
          {
            id: "unattributed_claim",
            label: "Unattributed claim",
            description: "A claim stated as fact without naming who makes it.",
            key: "c",
          },
          { id: "no_claim", label: "No claim", description: "No claim to source: headline, background, transition.", key: "x" },
        ],
      },
      {
        id: "source_type",
        label: "Source type",
        description: "Who the quoted or paraphrased source is.",
        kind: "single",
        required: quoted(),
        values: [
          {
            id: "government_official",
            label: "Government official",
            description: "Head of state, minister, ministry or government spokesperson.",
            key: "o",
          },
          { id: "military", label: "Military", description: "Armed forces, defence ministry or military spokesperson.", key: "m" },
          {
            id: "politician_party",
            label: "Politician / party",
            description: "A politician or party speaking outside a government role.",
            key: "l",
          },
          { id: "expert_academic", label: "Expert / academic", description: "Analyst, researcher, think tank or professor.", key: "e" },
          {
            id: "international_org_ngo",
            label: "International org / NGO",
            description: "UN, NATO, OSCE, Red Cross, human-rights groups and similar.",
            key: "i",
          },
          {
            id: "news_media_agency",
            label: "News media / agency",
            description: "Another outlet or a wire service (AA, Reuters, AP).",
            key: "w",
          },
          { id: "eyewitness_civilian", label: "Eyewitness / civilian", description: "A resident, victim or bystander.", key: "v" },
          { id: "social_media_post", label: "Social media post", description: "A tweet or post quoted as the source.", key: "s" },
          {
            id: "anonymous_unnamed",
            label: "Anonymous / unnamed",
            description: '"Sources said", "an official who asked not to be named".',
            key: "a",
          },
          { id: "other", label: "Other", description: "Any other kind of source.", key: "r" },
        ],
      },
      {
        id: "source_name",
        label: "Source name",
        description: 'The source\'s name as written (e.g. "Ilham Aliyev"); suggestions come from this document.',
        kind: "text",
        maxLength: 200,
        suggest: true,
        required: "never",
      },
      {
        id: "source_side",
        label: "Source side",
        description: "Which target the source speaks for, or independent / unclear.",
        kind: "target_choice",
        required: quoted(),
        values: [
          {
            id: "independent_unclear",
            label: "Independent / unclear",
            description: "The source belongs to no target, or it cannot be told.",
            key: "0",
          },
        ],
      },
      {
        id: "spans",
        label: "Spans",
        description: "Select words in the sentence and label them.",
        kind: "span",
        required: "never",
        values: [
          loadedLanguage(),
          {
            id: "opinion_or_speculation",
            label: "Opinion or speculation",
            description: "The writer's own opinion, guess or prediction presented in the news text.",
            key: "b",
          },
        ],
      },
      note(),
      {
        id: "flag",
        label: "Flag for review",
        description: "Mark the sentence for a reviewer: unclear text, segmentation error, hard case.",
        kind: "flag",
        required: "never",
      },
    ],
  };
}

/** Compatible with BABE (Bias Annotations By Experts): sentence-level bias and opinion labels. */
export function sentenceBiasTemplate(): LabelSchema {
  return {
    version: 1,
    name: "Sentence bias (BABE)",
    dimensions: [
      {
        id: "bias",
        label: "Bias",
        description: "Whether the sentence is written in a biased way.",
        kind: "single",
        required: "always",
        values: [
          { id: "biased", label: "Biased", description: "Word choice or framing favours one side.", key: "1" },
          { id: "non_biased", label: "Non-biased", description: "Neutral, balanced wording.", key: "2" },
        ],
      },
      {
        id: "opinion",
        label: "Opinion",
        description: "Whether the sentence states opinion or fact.",
        kind: "single",
        required: "always",
        values: [
          { id: "opinion", label: "Opinion", description: "Expresses the writer's view.", key: "3" },
          { id: "factual", label: "Factual", description: "States facts that could be checked.", key: "4" },
          { id: "mixed", label: "Mixed", description: "Both fact and opinion.", key: "5" },
        ],
      },
      {
        id: "spans",
        label: "Spans",
        description: "Select the words that carry the bias.",
        kind: "span",
        required: "never",
        values: [loadedLanguage()],
      },
      note(),
    ],
  };
}

export interface TemplateInfo {
  name: string;
  description: string;
  build: () => LabelSchema;
}

export const DEFAULT_TEMPLATE_ID = "news_stance_sourcing";

export const TEMPLATES: Readonly<Record<string, TemplateInfo>> = {
  news_stance_sourcing: {
    name: "News stance & sourcing",
    description: "Stance per target, how each claim is sourced (type, name, side), loaded-language spans, notes and review flags.",
    build: newsStanceSourcingTemplate,
  },
  sentence_bias: {
    name: "Sentence bias (BABE)",
    description: "BABE-compatible sentence labels: biased / non-biased, opinion / factual, loaded-language spans.",
    build: sentenceBiasTemplate,
  },
};
