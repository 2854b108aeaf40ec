/**
 * How annotators treat the machine's suggestions, per rule and per dimension: which suggestions a
 * team can trust. Compares the two layers (suggestions, people's labels); neither is changed.
 *
 * A decision is one suggestion and one annotator who confirmed the suggestion's sentence (a
 * sentence nobody confirmed has no decisions yet). Its outcome is read from that annotator's label
 * for the suggestion's dimension and target:
 * - accepted: the label is the suggested value and records this suggestion as its provenance
 *   (accepted with `y`, or the same value chosen while the suggestion was shown);
 * - overridden: the label is another value;
 * - rejected: the annotator confirmed the sentence and left that dimension (and target) empty;
 * - matched: the label is the suggested value without recording this suggestion (given before the
 *   suggestion existed, or accepted from another provider's equal suggestion). Counted apart: it is
 *   agreement, not acceptance.
 * Rates are shares of the decisions.
 */

/** The outcomes in words, for readers of the exported figures. */
export const ACCEPTANCE_DEFINITIONS = {
  decision: "one suggestion and one annotator who confirmed its sentence; sentences nobody confirmed are not counted",
  accepted: "the annotator's label is the suggested value and records this suggestion as where it came from",
  overridden: "the annotator's label for that dimension and target is another value",
  rejected: "the annotator confirmed the sentence leaving that dimension and target empty",
  matched:
    "the annotator's label is the suggested value without recording this suggestion (given before it existed, or taken from another provider's equal suggestion)",
  rates: "share of the decisions, per outcome",
} as const;

export interface AcceptanceSuggestion {
  id: string;
  segmentId: string;
  dimension: string;
  /** "" or null when the dimension has no target */
  target: string | null;
  value: unknown;
  provider: string;
  rule: string;
}

export interface AcceptanceLabel {
  userId: string;
  segmentId: string;
  dimension: string;
  target: string | null;
  /** null when cleared */
  value: unknown;
  suggestionId: string | null;
}

export interface AcceptanceConfirmation {
  userId: string;
  segmentId: string;
}

export const OUTCOMES = ["accepted", "overridden", "rejected", "matched"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type OutcomeCounts = Record<Outcome, number> & { decisions: number };

export interface AcceptanceRow extends OutcomeCounts {
  /** Share of the decisions per outcome, in [0, 1]; null without decisions. */
  rates: Record<Outcome, number | null>;
}

export interface AcceptanceRates {
  byRule: (AcceptanceRow & { provider: string; rule: string })[];
  byDimension: (AcceptanceRow & { dimension: string })[];
  total: AcceptanceRow;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const key = (...parts: (string | null)[]) => parts.map((p) => p ?? "").join("\u0000");

function emptyCounts(): OutcomeCounts {
  return { accepted: 0, overridden: 0, rejected: 0, matched: 0, decisions: 0 };
}

function withRates<T extends OutcomeCounts>(c: T): T & { rates: AcceptanceRow["rates"] } {
  const rate = (n: number) => (c.decisions ? n / c.decisions : null);
  return {
    ...c,
    rates: { accepted: rate(c.accepted), overridden: rate(c.overridden), rejected: rate(c.rejected), matched: rate(c.matched) },
  };
}

/** The outcome of one decision (see the module comment). */
export function outcome(s: AcceptanceSuggestion, label: AcceptanceLabel | undefined): Outcome {
  if (!label || isEmpty(label.value)) return "rejected";
  if (!same(label.value, s.value)) return "overridden";
  return label.suggestionId === s.id ? "accepted" : "matched";
}

export function acceptanceRates(
  suggestions: readonly AcceptanceSuggestion[],
  labels: readonly AcceptanceLabel[],
  confirmations: readonly AcceptanceConfirmation[],
): AcceptanceRates {
  const confirmedBy = new Map<string, string[]>();
  for (const c of confirmations) {
    const users = confirmedBy.get(c.segmentId);
    if (users) users.push(c.userId);
    else confirmedBy.set(c.segmentId, [c.userId]);
  }
  const labelOf = new Map<string, AcceptanceLabel>();
  for (const l of labels) labelOf.set(key(l.userId, l.segmentId, l.dimension, l.target || null), l);

  const byRule = new Map<string, OutcomeCounts & { provider: string; rule: string }>();
  const byDimension = new Map<string, OutcomeCounts & { dimension: string }>();
  const total = emptyCounts();
  for (const s of suggestions) {
    for (const userId of confirmedBy.get(s.segmentId) ?? []) {
      const o = outcome(s, labelOf.get(key(userId, s.segmentId, s.dimension, s.target || null)));
      const r = byRule.get(key(s.provider, s.rule)) ?? { ...emptyCounts(), provider: s.provider, rule: s.rule };
      const d = byDimension.get(s.dimension) ?? { ...emptyCounts(), dimension: s.dimension };
      byRule.set(key(s.provider, s.rule), r);
      byDimension.set(s.dimension, d);
      for (const c of [r, d, total]) {
        c[o]++;
        c.decisions++;
      }
    }
  }
  const order = (a: OutcomeCounts, b: OutcomeCounts) => b.decisions - a.decisions;
  return {
    byRule: [...byRule.values()]
      .sort((a, b) => order(a, b) || a.provider.localeCompare(b.provider) || a.rule.localeCompare(b.rule))
      .map(withRates),
    byDimension: [...byDimension.values()].sort((a, b) => order(a, b) || a.dimension.localeCompare(b.dimension)).map(withRates),
    total: withRates(total),
  };
}
