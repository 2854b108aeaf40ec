/** What a figure rests on: how many of the labels it counts are gold, majority, one annotator's, or unresolved. */
import type { Basis, Resolved } from "./resolve";

export type BasisCount = Record<Basis, number>;

export const emptyBasis = (): BasisCount => ({ gold: 0, majority: 0, annotator: 0, unresolved: 0 });

/** Adds the bases of `labels` to `into` (and returns it). */
export function tally(into: BasisCount, ...labels: Resolved<unknown>[]): BasisCount {
  for (const l of labels) into[l.basis]++;
  return into;
}

export function addBasis(into: BasisCount, other: BasisCount): BasisCount {
  for (const k of Object.keys(into) as Basis[]) into[k] += other[k];
  return into;
}

/**
 * In words, for a page or a CSV cell: "gold", "majority", "one annotator", "gold 4 · majority 3",
 * with "· 2 unresolved" when some labels had no gold, no majority and no annotator to fall back on.
 */
export function describeBasis(b: BasisCount): string {
  const name = { gold: "gold", majority: "majority", annotator: "one annotator" } as const;
  const used = (["gold", "majority", "annotator"] as const).filter((k) => b[k] > 0);
  const parts = used.length === 1 ? [name[used[0]!]] : used.map((k) => `${name[k]} ${b[k]}`);
  if (b.unresolved) parts.push(`${b.unresolved} unresolved`);
  return parts.length ? parts.join(" · ") : "no labels";
}

/** The rule every report applies, as the downloads state it (`annotator`: the chosen fallback, if any). */
export function labelPolicyJson(annotator: { id: string; name: string } | null) {
  return {
    order: ["gold", "majority", "annotator"] as const,
    annotator,
    description:
      "Each label: the gold label where a reviewer adjudicated it, else the majority of the annotators who confirmed the sentence, else the chosen annotator's (or the only confirming annotator's); each figure's basis counts its labels by source",
  };
}
