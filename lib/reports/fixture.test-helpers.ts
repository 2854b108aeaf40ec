/**
 * A hand-labelled article for the report tests (written for Slant's tests; no outlet published it).
 * Three annotators; what each sentence resolves to, and why, is written beside it.
 */
import { wordTokens } from "@/lib/agreement/variables";
import { newsStanceSourcingTemplate } from "@/lib/schema/templates";
import { sourcingDimensions } from "@/lib/schema/roles";
import type { AnnotatorLabelRow, LabelRow, ResolveInput, SegmentRow } from "./resolve";
import type { ReportLabels } from "./article";

export const SENTENCES = [
  "Written for Slant's tests: a fictional report.", // 0: no_claim ×3 → majority "other"; 7 words
  '"We will respond," President Aliyev said.', // 1: direct ×3, names "Ilham Aliyev", "ilham  aliyev", "Aliyev" → majority; 6 words
  "Aliyev said the army would push on.", // 2: gold paraphrase of Ilham Aliyev (annotators disagree); 7 words
  "A ministry spokesperson said civilians were hit.", // 3: paraphrase by u1, u2 (u3 did not confirm), no name, type tied; 7 words
  "Armenia denied the accusations.", // 4: u1 unattributed, u2 paraphrase → tie, unresolved; 4 words
  "The strikes were brutal and senseless.", // 5: unattributed ×3; "brutal" marked by u1, u2, "senseless" by u1 only; 6 words
];

export const TEXT = SENTENCES.join(" ");

export function segments(text = TEXT, sentences = SENTENCES, prefix = "s"): SegmentRow[] {
  let at = 0;
  return sentences.map((s, index) => {
    const start = text.indexOf(s, at);
    at = start + s.length;
    return { id: `${prefix}${index}`, index, text: s, words: wordTokens(text, start, start + s.length) };
  });
}

const span = (sentence: number, phrase: string) => {
  const start = TEXT.indexOf(phrase, TEXT.indexOf(SENTENCES[sentence]!));
  return { start, end: start + phrase.length, label: "loaded_language" };
};

type L = [user: string, seg: number, dimension: string, target: string, value: unknown];
const rows: L[] = [
  ...["u1", "u2", "u3"].map((u): L => [u, 0, "sourcing", "", "no_claim"]),
  ...["u1", "u2", "u3"].flatMap((u): L[] => [
    [u, 1, "sourcing", "", "direct_quote"],
    [u, 1, "source_type", "", "government_official"],
    [u, 1, "source_side", "", "azerbaijan"],
    [u, 1, "stance", "azerbaijan", "favorable"],
  ]),
  ["u1", 1, "source_name", "", "Ilham Aliyev"],
  ["u2", 1, "source_name", "", "ilham  aliyev"],
  ["u3", 1, "source_name", "", "Aliyev"],
  ["u1", 2, "sourcing", "", "direct_quote"],
  ["u2", 2, "sourcing", "", "unattributed_claim"],
  ["u3", 2, "sourcing", "", "paraphrased_attribution"],
  ["u1", 2, "stance", "azerbaijan", "favorable"],
  ["u1", 3, "sourcing", "", "paraphrased_attribution"],
  ["u2", 3, "sourcing", "", "paraphrased_attribution"],
  ["u3", 3, "sourcing", "", "unattributed_claim"], // not confirmed: does not vote
  ["u1", 3, "source_type", "", "government_official"],
  ["u2", 3, "source_type", "", "military"],
  ["u1", 3, "source_side", "", "armenia"],
  ["u2", 3, "source_side", "", "armenia"],
  ["u1", 3, "stance", "armenia", "favorable"],
  ["u2", 3, "stance", "armenia", "favorable"],
  ["u1", 4, "sourcing", "", "unattributed_claim"],
  ["u2", 4, "sourcing", "", "paraphrased_attribution"],
  ["u2", 4, "source_side", "", "armenia"],
  ...["u1", "u2", "u3"].map((u): L => [u, 5, "sourcing", "", "unattributed_claim"]),
  ["u1", 5, "stance", "armenia", "unfavorable"],
  ["u2", 5, "stance", "armenia", "unfavorable"],
  ["u3", 5, "stance", "armenia", "neutral"],
  ["u1", 5, "spans", "", [span(5, "brutal"), span(5, "senseless")]],
  ["u2", 5, "spans", "", [span(5, "brutal")]],
];

export const LABELS: AnnotatorLabelRow[] = rows.map(([userId, seg, dimension, target, value]) => ({
  userId,
  segmentId: `s${seg}`,
  dimension,
  target,
  value,
}));

export const GOLD: LabelRow[] = [
  { segmentId: "s2", dimension: "sourcing", target: "", value: "paraphrased_attribution" },
  { segmentId: "s2", dimension: "source_name", target: "", value: "Ilham Aliyev" },
  { segmentId: "s2", dimension: "source_type", target: "", value: "government_official" },
  { segmentId: "s2", dimension: "source_side", target: "", value: "azerbaijan" },
];

export const TARGETS = [
  { key: "armenia", name: "Armenia" },
  { key: "azerbaijan", name: "Azerbaijan" },
];
const targets = TARGETS.map((t) => t.key);

/** Every confirmation covers both targets (they existed when each was made). */
export const CONFIRMED = [
  ...[0, 1, 2, 5].flatMap((i) => ["u1", "u2", "u3"].map((userId) => ({ segmentId: `s${i}`, userId, targets }))),
  ...[3, 4].flatMap((i) => ["u1", "u2"].map((userId) => ({ segmentId: `s${i}`, userId, targets }))),
];

export const INPUT: ResolveInput = {
  segments: segments(),
  labels: LABELS,
  gold: GOLD,
  confirmed: CONFIRMED,
  targets,
};

export const DIMS = sourcingDimensions(newsStanceSourcingTemplate());

export const REPORT_LABELS: ReportLabels = {
  targets: TARGETS,
  sides: { independent_unclear: "Independent / unclear" },
  types: { government_official: "Government official", military: "Military" },
  stances: { favorable: "Favorable", unfavorable: "Unfavorable", neutral: "Neutral" },
};
