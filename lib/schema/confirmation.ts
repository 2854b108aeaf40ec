/**
 * What a confirmation covers. Confirming a sentence says "every required label is given, and a
 * target left without a stance has none"; it says so only for the targets the project had when
 * the annotator confirmed. A confirmation stores those targets' ids (SegmentStatus.confirmedTargets);
 * a target added later (or removed and added again: a new id) is outside it, so that annotator's
 * stance toward it reads as "not annotated", never "none", until they confirm the sentence again.
 * Ids, not keys: a key can come back with a new target after the old one was removed.
 */

export interface TargetRef {
  id: string;
  key: string;
}

/** The stored list of target ids (JSON array) as a set; anything else (null: not confirmed) is empty. */
export function storedTargetIds(stored: unknown): Set<string> {
  return new Set(Array.isArray(stored) ? stored.filter((x): x is string => typeof x === "string") : []);
}

/** The keys of the project's targets a confirmation covers (empty when not confirmed). */
export function coveredTargetKeys(stored: unknown, targets: readonly TargetRef[]): Set<string> {
  const ids = storedTargetIds(stored);
  return new Set(targets.filter((t) => ids.has(t.id)).map((t) => t.key));
}

/**
 * The state of one annotator's confirmation of one sentence: `confirmed` when it covers every
 * target the project has now; `needsTargets` lists the keys of the targets added since (the
 * sentence was confirmed, but not for them).
 */
export function confirmationState(
  confirmedAt: Date | string | null,
  stored: unknown,
  targets: readonly TargetRef[],
): { confirmed: boolean; needsTargets: string[] } {
  if (!confirmedAt) return { confirmed: false, needsTargets: [] };
  const ids = storedTargetIds(stored);
  const needsTargets = targets.filter((t) => !ids.has(t.id)).map((t) => t.key);
  return { confirmed: needsTargets.length === 0, needsTargets };
}
