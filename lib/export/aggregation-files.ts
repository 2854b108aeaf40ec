/**
 * The package's files of model-based labels (./aggregation.ts): `aggregated.jsonl`, one line per
 * sentence × dimension × target that someone rated, and `annotators.json`, the models' settings,
 * per dimension what they fitted and per annotator and dimension the estimated competence.
 */
import { AGGREGATION_SETTINGS, type AggregatedKey, type ClassValue, type LabelAggregation } from "./aggregation";

/** Six decimals: enough for a soft label, and a line stays short. */
const round = (p: number) => Math.round(p * 1e6) / 1e6;

function distribution(classes: readonly ClassValue[], p: Float64Array, offset: number): Record<string, number> {
  const out: Record<string, number> = {};
  classes.forEach((c, l) => (out[String(c)] = round(p[offset + l]!)));
  return out;
}

/** One line per rated sentence × key, sentences in export order and keys in schema order within a sentence. */
export function* aggregatedLines(agg: LabelAggregation): Generator<string> {
  const next = new Int32Array(agg.keys.length); // per key, its first item not yet written
  for (let s = 0; s < agg.sentenceIndex.length; s++) {
    let out = "";
    agg.keys.forEach((k, ki) => {
      const i = next[ki]!;
      if (k.sentence[i] !== s) return;
      next[ki] = i + 1;
      out += `${JSON.stringify(itemLine(agg, k, i, s))}\n`;
    });
    if (out) yield out;
  }
}

function itemLine(agg: LabelAggregation, k: AggregatedKey, i: number, s: number) {
  const L = k.classes.length;
  return {
    document_id: agg.documents[agg.sentenceDocument[s]!]!,
    sentence_index: agg.sentenceIndex[s]!,
    dimension: k.dimension,
    target: k.target,
    ratings: k.itemStart[i + 1]! - k.itemStart[i]!,
    gold: k.gold[i] ?? null,
    majority: k.majority[i]! < 0 ? null : k.classes[k.majority[i]!]!,
    mace_label: k.classes[k.mace.label[i]!]!,
    mace_posterior: distribution(k.classes, k.mace.posterior, i * L),
    dawid_skene_label: k.classes[k.dawidSkene.label[i]!]!,
    dawid_skene_posterior: distribution(k.classes, k.dawidSkene.posterior, i * L),
  };
}

/** annotators.json: the figures, or why this export has none. */
export function annotatorsJson(agg: LabelAggregation | null, unavailable: string): string {
  if (!agg) return `${JSON.stringify({ unavailable }, null, 2)}\n`;
  const body = {
    models: {
      mace: { ...AGGREGATION_SETTINGS.mace, inference: "variational Bayes EM", restarts_kept: "highest log marginal likelihood" },
      dawid_skene: {
        ...AGGREGATION_SETTINGS.dawidSkene,
        inference: "EM (maximum likelihood, no smoothing)",
        start: "each item's share of votes",
      },
    },
    dimensions: agg.keys.map((k) => ({
      dimension: k.dimension,
      target: k.target,
      classes: k.classes,
      items: k.sentence.length,
      ratings: k.itemStart[k.itemStart.length - 1]!,
      mace: { iterations: k.mace.iterations, log_likelihood: k.mace.logLikelihood },
      dawid_skene: {
        iterations: k.dawidSkene.iterations,
        log_likelihood: k.dawidSkene.logLikelihood,
        class_priors: distribution(k.classes, k.dawidSkene.classPriors, 0),
      },
    })),
    annotators: agg.keys.flatMap((k) => {
      const L = k.classes.length;
      const rows = [];
      for (let a = 0; a < agg.annotators.length; a++) {
        if (!k.ratings[a]) continue; // no rating of this key: the models know nothing of them here
        const diagonal: Record<string, number> = {};
        k.classes.forEach((c, j) => (diagonal[String(c)] = round(k.dawidSkene.confusion[(a * L + j) * L + j]!)));
        rows.push({
          annotator: agg.annotators[a]!,
          dimension: k.dimension,
          target: k.target,
          ratings: k.ratings[a]!,
          mace_competence: round(k.mace.competence[a]!),
          dawid_skene_accuracy: round(k.dawidSkene.accuracy[a]!),
          dawid_skene_diagonal: diagonal,
        });
      }
      return rows;
    }),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
