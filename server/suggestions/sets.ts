import "server-only";
/**
 * How suggestions are stored: one SuggestionSet row per document and provider, its `items` a JSON
 * list of the document's sentences with their suggestions. Writing ~50 rows per document (one per
 * sentence, dimension and target, under four indexes) cost several times the built-in rules' own
 * work (bench/README.md, "Imports and suggestions in the background"); one row per document does not.
 *
 * Every reader goes through `suggestionsOf`, which gives each suggestion as it was one row before:
 * with its sentence, provider and id. The id is the one a label records when a suggestion is
 * accepted (Annotation.suggestionId): "<set id>.<n>", n its position in the set (a set is never
 * changed, only replaced whole under a new id, so the id names one suggestion for good), or, for
 * sets migrated from the rows, the row's own id, kept in the JSON so old labels still name it.
 */
import type { CheckedSuggestion } from "@/lib/suggest/protocol";
import type { Ghost } from "@/lib/workspace/ghosts";
import type { Db, Tx } from "@/server/db/client";

type Evidence = NonNullable<Ghost["evidence"]>;

/** One suggestion inside a set; `id` only in sets migrated from the former one-row-per-suggestion table. */
export interface StoredSuggestion {
  id?: string;
  dimension: string;
  /** A target key for per_target dimensions, otherwise null. */
  target: string | null;
  value: unknown;
  confidence: number;
  rule: string;
  evidence?: Evidence | null;
}

/** SuggestionSet.items: per sentence (in document order), its suggestions. */
export type SuggestionSetItems = { segmentId: string; suggestions: StoredSuggestion[] }[];

/** A stored suggestion as readers see it (the workspace's ghost values, the export, acceptance rates). */
export type SuggestionRecord = Ghost;

/** A set as read from the database; `items` as Prisma returns a JSON column. */
export interface StoredSet {
  id: string;
  provider: string;
  items: unknown;
}

/**
 * The set's suggestions, one record each. Their sentences exist: the split or merge that removes a
 * sentence drops its document's sets in the same transaction (server/segments.ts).
 */
export function suggestionsOf(set: StoredSet): SuggestionRecord[] {
  const items = (typeof set.items === "string" ? JSON.parse(set.items) : set.items) as SuggestionSetItems;
  const out: SuggestionRecord[] = [];
  let n = 0;
  for (const { segmentId, suggestions } of items) {
    for (const s of suggestions) {
      out.push({
        id: s.id ?? `${set.id}.${n}`,
        segmentId,
        dimension: s.dimension,
        target: s.target,
        value: s.value,
        confidence: s.confidence,
        provider: set.provider,
        rule: s.rule,
        evidence: s.evidence ?? null,
      });
      n++;
    }
  }
  return out;
}

/**
 * The items of a set for a reply that passed the protocol's check: one suggestion per sentence,
 * dimension and target (the most confident; a provider may send several), sentences in the order
 * of `segmentIds` (the document's), evidence only when there is some.
 */
export function setItems(suggestions: readonly CheckedSuggestion[], segmentIds: readonly string[]): SuggestionSetItems {
  const bySegment = new Map<string, Map<string, StoredSuggestion>>();
  for (const s of suggestions) {
    let kept = bySegment.get(s.segmentId);
    if (!kept) bySegment.set(s.segmentId, (kept = new Map()));
    const key = `${s.dimension}\u0000${s.target ?? ""}`;
    const prev = kept.get(key);
    if (prev && prev.confidence >= s.confidence) continue;
    const stored: StoredSuggestion = {
      dimension: s.dimension,
      target: s.target ?? null,
      value: s.value,
      confidence: s.confidence,
      rule: s.rule,
    };
    if (s.evidence && (s.evidence.quotes?.length || s.evidence.cue)) stored.evidence = s.evidence;
    kept.set(key, stored);
  }
  const items: SuggestionSetItems = [];
  for (const segmentId of segmentIds) {
    const kept = bySegment.get(segmentId);
    if (kept) items.push({ segmentId, suggestions: [...kept.values()] });
  }
  return items;
}

/**
 * The order suggestions are shown in: by sentence, dimension, target, most confident first (the
 * workspace keeps the first of equally confident ghosts, so the order must not depend on chance).
 */
export function bySentenceDimensionTarget(a: SuggestionRecord, b: SuggestionRecord): number {
  return (
    compare(a.segmentId, b.segmentId) ||
    compare(a.dimension, b.dimension) ||
    compare(a.target ?? "", b.target ?? "") ||
    b.confidence - a.confidence ||
    compare(a.provider, b.provider)
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type SetWhere = NonNullable<NonNullable<Parameters<Db["suggestionSet"]["findMany"]>[0]>["where"]>;

/** The suggestions of the sets `where` selects, in `bySentenceDimensionTarget` order. */
export async function loadSuggestions(db: Db | Tx, where: SetWhere): Promise<SuggestionRecord[]> {
  const sets = await db.suggestionSet.findMany({ where, select: { id: true, provider: true, items: true } });
  return sets.flatMap((set) => suggestionsOf(set)).sort(bySentenceDimensionTarget);
}
