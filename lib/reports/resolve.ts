/**
 * Which label a report counts, per sentence and dimension (and target): the gold label where a
 * reviewer adjudicated it, else the majority of the annotators who confirmed the sentence, else
 * one annotator (the one the reader chose; or the only one who confirmed it). Every resolved
 * value carries its basis, so each figure can say what it rests on. Nothing here invents a label:
 * a tie nobody settled stays unresolved and is counted as such.
 *
 * Each dimension is resolved on its own (as review's majority does): the source's name can have a
 * majority where the sourcing value is tied.
 */
import { canonical, majorityVote, spanMajority } from "@/lib/review/majority";
import type { SourcingDimensions } from "@/lib/schema/roles";
import type { StoredSpan } from "@/lib/schema/types";
import { NO_LEDGER, sourceNameKey, type SourceResolver } from "@/lib/sources/names";

export type Basis = "gold" | "majority" | "annotator" | "unresolved";

export interface Resolved<T> {
  /** null: resolved to "no value" (or unresolved, see basis). */
  value: T | null;
  basis: Basis;
}

/** One stored label (an annotator's or, in `gold`, the adjudicated one); target "" when the dimension has none. */
export interface LabelRow {
  segmentId: string;
  dimension: string;
  target: string;
  value: unknown;
}
export interface AnnotatorLabelRow extends LabelRow {
  userId: string;
}

export interface SegmentRow {
  id: string;
  index: number;
  /** The sentence's text. */
  text: string;
  /** Word ranges (absolute offsets, like stored spans); their count is the sentence's word count. */
  words: readonly { start: number; end: number }[];
}

export interface ResolveInput {
  segments: readonly SegmentRow[];
  labels: readonly AnnotatorLabelRow[];
  gold: readonly LabelRow[];
  /**
   * Who confirmed which sentence: only they vote (an absent value of theirs is an answer: "none").
   * `targets`: the target keys the confirmation covered (lib/schema/confirmation.ts); on a target
   * added after it, that annotator has not voted, so their silence is not a "none".
   */
  confirmed: readonly { segmentId: string; userId: string; targets: readonly string[] }[];
  targets: readonly string[];
}

export interface LabelPolicy {
  /** The annotator whose label counts where there is no gold and no majority. */
  annotator?: string | null;
  /** The project's source ledger: names of one entry are one answer when annotators vote on a name. */
  ledger?: SourceResolver;
}

export type SourcingKind = "direct" | "paraphrased" | "unattributed" | "other";

export interface ResolvedSegment {
  id: string;
  index: number;
  text: string;
  words: number;
  sourcing: Resolved<SourcingKind>;
  /** The name as written (see `spelling`); names are compared case- and space-insensitively. */
  sourceName: Resolved<string>;
  sourceType: Resolved<string>;
  sourceSide: Resolved<string>;
  /** Per target key. */
  stance: Record<string, Resolved<string>>;
  /** Loaded-language spans, absolute offsets. */
  loaded: Resolved<{ start: number; end: number }[]>;
  /** Words of the sentence inside a resolved loaded-language span. */
  loadedWords: number;
}

/** The key two spellings of one name share: "  Ilham  ALIYEV" and "Ilham Aliyev" (lib/sources/names.ts). */
export const nameKey = sourceNameKey;

const UNRESOLVED: Resolved<never> = { value: null, basis: "unresolved" };

/**
 * Gold, else majority (two or more confirmed annotators and a winner), else the chosen annotator
 * if they confirmed the sentence, else the only confirmed annotator; else unresolved.
 */
function resolveOne<T>(
  gold: { value: unknown } | undefined,
  votes: ReadonlyMap<string, unknown>,
  policy: LabelPolicy,
  vote: (values: unknown[]) => { value: unknown; tie: boolean } | null,
  read: (v: unknown) => T | null,
): Resolved<T> {
  if (gold) return { value: read(gold.value), basis: "gold" };
  if (votes.size >= 2) {
    const m = vote([...votes.values()]);
    if (m && !m.tie) return { value: read(m.value), basis: "majority" };
  }
  const chosen = policy.annotator && votes.has(policy.annotator) ? policy.annotator : votes.size === 1 ? [...votes.keys()][0]! : null;
  if (chosen !== null) return { value: read(votes.get(chosen) ?? null), basis: "annotator" };
  return UNRESOLVED;
}

/**
 * The spelling a winning value is shown in: the one most voters typed; between equally common
 * ones, the one with more capitals ("Ilham Aliyev" over "ilham aliyev"), then the first in
 * alphabetical order, so the choice never depends on who voted first.
 */
function spelling(votes: unknown[]): unknown {
  const counts = new Map<string, { v: unknown; n: number }>();
  for (const v of votes) {
    const k = canonical(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { v, n: 1 });
  }
  const capitals = (v: unknown) => (typeof v === "string" ? (v.match(/\p{Lu}/gu)?.length ?? 0) : 0);
  const [best] = [...counts.entries()].sort(
    ([ka, a], [kb, b]) => b.n - a.n || capitals(b.v) - capitals(a.v) || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  return best ? best[1].v : null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function resolveSegments(dims: SourcingDimensions, input: ResolveInput, policy: LabelPolicy = {}): ResolvedSegment[] {
  const key = (segmentId: string, dimension: string, target: string) => `${segmentId}\u0000${dimension}\u0000${target}`;
  const gold = new Map(input.gold.map((g) => [key(g.segmentId, g.dimension, g.target), g]));
  // segment → annotator who confirmed it → the targets that confirmation covered
  const confirmedBy = new Map<string, Map<string, ReadonlySet<string>>>();
  for (const c of input.confirmed) {
    let m = confirmedBy.get(c.segmentId);
    if (!m) confirmedBy.set(c.segmentId, (m = new Map()));
    m.set(c.userId, new Set(c.targets));
  }
  const values = new Map<string, unknown>();
  for (const l of input.labels) values.set(`${key(l.segmentId, l.dimension, l.target)}\u0000${l.userId}`, l.value);

  return [...input.segments]
    .sort((a, b) => a.index - b.index)
    .map((seg) => {
      const confirmations = confirmedBy.get(seg.id) ?? new Map<string, ReadonlySet<string>>();
      const voters = [...confirmations.keys()].sort();
      const votesOf = (dimension: string, target = "") =>
        new Map(
          voters
            .filter((u) => target === "" || confirmations.get(u)!.has(target))
            .map((u) => [u, values.get(`${key(seg.id, dimension, target)}\u0000${u}`) ?? null]),
        );
      const plain = <T>(dimension: string | undefined, read: (v: unknown) => T | null, target = "", normalise = canonical) => {
        if (!dimension) return UNRESOLVED as Resolved<T>;
        const vote = (vs: unknown[]) => {
          const m = majorityVote(vs.map((v) => normalise(v)));
          if (!m || m.tie) return m;
          // The winner in one of its own spellings, not its normalised key.
          return { ...m, value: spelling(vs.filter((v) => normalise(v) === m.value)) };
        };
        return resolveOne(gold.get(key(seg.id, dimension, target)), votesOf(dimension, target), policy, vote, read);
      };

      const s = dims.sourcing;
      const sourcing = plain<SourcingKind>(s?.dimension, (v) =>
        v === null
          ? null
          : v === s!.direct
            ? "direct"
            : v === s!.paraphrased
              ? "paraphrased"
              : v === s!.unattributed
                ? "unattributed"
                : "other",
      );
      const ledger = policy.ledger ?? NO_LEDGER;
      const sourceName = plain(dims.sourceName?.dimension, str, "", (v) => (typeof v === "string" ? ledger.identity(v) : canonical(v)));
      const sourceType = plain(dims.sourceType?.dimension, str);
      const sourceSide = plain(dims.sourceSide?.dimension, str);
      const stance: Record<string, Resolved<string>> = {};
      for (const t of input.targets) stance[t] = plain(dims.stance?.dimension, str, t);

      let loaded: Resolved<{ start: number; end: number }[]> = UNRESOLVED;
      const ll = dims.loadedLanguage;
      if (ll) {
        const only = (v: unknown) => (Array.isArray(v) ? (v as StoredSpan[]).filter((x) => x.label === ll.value) : []);
        const spansOnly = (v: unknown) => only(v).map(({ start, end }) => ({ start, end }));
        loaded = resolveOne(
          gold.get(key(seg.id, ll.dimension, "")),
          votesOf(ll.dimension),
          policy,
          (vs) => spanMajority(vs.map(only), seg.words, [ll.value]),
          spansOnly,
        );
      }
      const spans = loaded.value ?? [];
      const loadedWords = seg.words.filter((w) => spans.some((x) => x.start < w.end && x.end > w.start)).length;
      return {
        id: seg.id,
        index: seg.index,
        text: seg.text,
        words: seg.words.length,
        sourcing,
        sourceName,
        sourceType,
        sourceSide,
        stance,
        loaded,
        loadedWords,
      };
    });
}
