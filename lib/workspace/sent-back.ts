/**
 * Sentences a reviewer sent back that the annotator has not confirmed since. A comment is
 * answered by a confirmation made after it; until then the sentence counts as not confirmed (and
 * its document as not done), whatever was confirmed before. Derived from the stored comment and
 * confirmation times: nothing is written when a sentence is sent back or answered.
 */
export function pendingSentBack<C extends { segmentId: string; createdAt: Date | string }>(
  comments: readonly C[],
  /** the annotator's confirmation time per sentence (missing or null: not confirmed) */
  confirmedAt: ReadonlyMap<string, Date | string | null>,
): Map<string, C[]> {
  const pending = new Map<string, C[]>();
  for (const c of comments) {
    const at = confirmedAt.get(c.segmentId);
    if (at && new Date(at).getTime() > new Date(c.createdAt).getTime()) continue;
    pending.set(c.segmentId, [...(pending.get(c.segmentId) ?? []), c]);
  }
  return pending;
}
