/**
 * What a split or merge does to the labels of the sentences concerned: the counts the server
 * sends with its 409 (asking for confirmation) and its answer, and the sentences people read.
 */

export interface AnnotatorImpact {
  userId: string;
  name: string;
  /** Labels (set values) this annotator has on the sentences concerned. */
  labels: number;
  /** Stay on the surviving sentence (split: the first part; merge: the first sentence's own). */
  kept: number;
  /** Merge: the second sentence's labels the merged sentence takes over (the first had none there). */
  moved: number;
  /** Merge: the second sentence's labels dropped, the first having one for the same dimension and target. */
  dropped: number;
  /** Split: spans that move with their text to the second part. */
  spansMoved: number;
  /** Split: spans across the split point, cut back to the first part. */
  spansClipped: number;
  /** Merge: the second sentence's spans added to the first's list. */
  spansJoined: number;
  /** "kept": a confirmation stays (split: on the first part; merge: both were confirmed); "cleared": merge of a confirmed and an unconfirmed sentence. */
  confirmation: "kept" | "cleared" | null;
}

export type GoldImpact = Omit<AnnotatorImpact, "userId" | "name" | "confirmation">;

export interface SegmentRef {
  /** null: the sentence the split creates. */
  id: string | null;
  index: number;
  start: number;
  end: number;
}

export interface DroppedLabel {
  /** The annotator's name; null for a gold label. */
  annotator: string | null;
  dimension: string;
  target: string | null;
  value: unknown;
  /** The value the surviving sentence keeps for the same dimension and target. */
  keptValue: unknown;
}

export interface SegmentChangeReport {
  operation: "split" | "merge";
  before: SegmentRef[];
  after: SegmentRef[];
  /** Labels, gold labels, confirmations, flags or review comments are concerned. */
  needsConfirmation: boolean;
  annotators: AnnotatorImpact[];
  gold: GoldImpact;
  dropped: DroppedLabel[];
  /** Review comments on the sentences concerned: they stay with the first part (split) or end up on the merged sentence. */
  reviewComments: number;
  /** The same, in sentences for people. */
  summary: string[];
}

export const emptyImpact = (): GoldImpact => ({ labels: 0, kept: 0, moved: 0, dropped: 0, spansMoved: 0, spansClipped: 0, spansJoined: 0 });

const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
const show = (v: unknown) => (v === null ? "none" : typeof v === "string" ? `“${v}”` : JSON.stringify(v));

function spanParts(i: GoldImpact, op: SegmentChangeReport["operation"]): string[] {
  const out: string[] = [];
  if (op === "split") {
    if (i.spansMoved)
      out.push(
        `${n(i.spansMoved, "span")} ${i.spansMoved === 1 ? "moves" : "move"} to the second part with ${i.spansMoved === 1 ? "its" : "their"} text`,
      );
    if (i.spansClipped) out.push(`${n(i.spansClipped, "span")} ${i.spansClipped === 1 ? "is" : "are"} clipped at the split point`);
  } else {
    if (i.moved) out.push(`${n(i.moved, "label")} of the second sentence ${i.moved === 1 ? "is" : "are"} taken over`);
    if (i.spansJoined) out.push(`${n(i.spansJoined, "span")} of the second sentence ${i.spansJoined === 1 ? "is" : "are"} added`);
    if (i.dropped)
      out.push(
        `${n(i.dropped, "label")} of the second sentence ${i.dropped === 1 ? "is" : "are"} dropped (the first sentence has one for the same question)`,
      );
  }
  return out;
}

/** The report in sentences, e.g. for the confirmation dialog. */
export function describeChange(r: Omit<SegmentChangeReport, "summary">): string[] {
  const split = r.operation === "split";
  const first = (r.before[0]?.index ?? 0) + 1;
  const where = split ? `sentence ${first}` : `sentences ${first} and ${first + 1}`;
  const lines: string[] = [];
  const labelled = r.annotators.filter((a) => a.labels > 0);
  if (labelled.length) {
    const who = labelled.map((a) => `${a.name} (${n(a.labels, "label")})`).join(", ");
    lines.push(
      `${n(labelled.length, "annotator's", "annotators'")} labels on ${where}: ${who}. ${split ? "They stay on the first part" : "The first sentence's labels are kept on the merged sentence"}.`,
    );
  }
  for (const a of labelled) {
    const parts = spanParts(a, r.operation);
    if (parts.length) lines.push(`${a.name}: ${parts.join("; ")}.`);
  }
  for (const d of r.dropped) {
    lines.push(
      `Dropped: ${d.annotator ?? "gold"} — ${d.dimension}${d.target ? ` (${d.target})` : ""} ${show(d.value)}; kept ${show(d.keptValue)}.`,
    );
  }
  const kept = r.annotators.filter((a) => a.confirmation === "kept").map((a) => a.name);
  const cleared = r.annotators.filter((a) => a.confirmation === "cleared").map((a) => a.name);
  if (split && kept.length) lines.push(`Confirmations (${kept.join(", ")}) stay on the first part; the second part starts unconfirmed.`);
  if (!split && cleared.length)
    lines.push(`Confirmations cleared for ${cleared.join(", ")}: they confirmed only one of the two sentences.`);
  if (r.gold.labels) {
    const parts = spanParts(r.gold, r.operation);
    lines.push(
      `${n(r.gold.labels, "gold label")} ${split ? "stay on the first part" : "concerned"}${parts.length ? `: ${parts.join("; ")}` : ""}.`,
    );
  }
  if (r.reviewComments) {
    lines.push(`${n(r.reviewComments, "review comment")} ${split ? "stay with the first part" : "end up on the merged sentence"}.`);
  }
  return lines;
}
