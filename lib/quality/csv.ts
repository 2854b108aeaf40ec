import { csvRow } from "@/lib/formats/csv-write";
import type { QualityReport } from "./annotators";

/**
 * The quality report as CSV: one row per annotator × variable (dimension, or dimension toward a
 * target); the per-annotator figures (time, confirmation, pooled gold) repeat on each of their
 * rows. Label counts and κ with each colleague are JSON objects in their cells.
 */
export function qualityCsv(r: QualityReport): string {
  const names = new Map(r.annotators.map((a) => [a.id, a.name]));
  const lines = [
    csvRow([
      "annotator_id",
      "annotator",
      "variable",
      "dimension",
      "target",
      "gold_agreement",
      "gold_sentences",
      "majority_agreement",
      "majority_sentences",
      "kappa_with",
      "label_counts",
      "team_label_counts",
      "median_time_ms",
      `share_under_${r.timeFloorMs}_ms`,
      "timed_sentences",
      "confirmation_rate",
      "gold_agreement_all_dimensions",
    ]),
  ];
  for (const [i, a] of r.annotators.entries()) {
    for (const v of r.variables) {
      const q = v.annotators[i]!;
      const kappa = Object.fromEntries(r.annotators.flatMap((b, j) => (j === i ? [] : [[names.get(b.id), v.kappa[i]![j]]])));
      const counts = (c: number[]) => JSON.stringify(Object.fromEntries(v.categories.map((cat, k) => [cat.id, c[k]])));
      lines.push(
        csvRow([
          a.id,
          a.name,
          v.key,
          v.dimension,
          v.target,
          q.gold.value,
          q.gold.n,
          q.majority.value,
          q.majority.n,
          JSON.stringify(kappa),
          counts(q.counts),
          counts(v.teamCounts),
          a.time.medianMs,
          a.time.fasterThanFloor.value,
          a.time.sentences,
          a.confirmation.value,
          a.gold.value,
        ]),
      );
    }
  }
  return lines.join("");
}
