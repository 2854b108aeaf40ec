/**
 * The sourcing report of one article, from its resolved sentences (resolve.ts). Definitions:
 *
 * - An attributed sentence is one whose sourcing resolved to a direct quote or a paraphrase; an
 *   unattributed claim one that resolved to the schema's unattributed value. Sentences whose
 *   sourcing is unresolved are in no share (`unresolvedSourcing` counts them).
 * - A source is a name, compared case-, accent- and space-insensitively ("Ilham Aliyev" = "ilham  aliyev"),
 *   or, where the project's source ledger knows the name, its ledger entry (every alias of it:
 *   "Aliyev", "Azerbaijan's President"); attributed sentences without a name count as one unnamed
 *   source per side. Where the annotators' type or side differs from the entry's, the row says so. Its type and side
 *   are the most frequent among its sentences (ties: the first seen); `types`/`sides` list them all.
 * - A side is what the sentence's source-side label says (a target, or a value such as
 *   independent_unclear); "" when the sentence has none. Shares are of attributed sentences and
 *   of their words; distinct sources count the sources with a sentence on that side.
 * - Stance per target: resolved values counted over all sentences; the net score is
 *   (favorable − unfavorable) / sentences with any stance toward the target, from −1 to 1, null
 *   when there are none.
 * - Loaded-language density: loaded-language spans per 100 words of the article.
 * Every figure has a basis (basis.ts): the labels it counts, by where they came from.
 */
import { emptyBasis, tally, type BasisCount } from "./basis";
import { nameKey, type ResolvedSegment } from "./resolve";
import { NO_LEDGER, type LedgerEntry, type SourceResolver } from "@/lib/sources/names";

export interface ReportDocument {
  id: string;
  title: string;
  outlet: string | null;
  story: string | null;
  publishedAt: string | null;
}

export interface ReportLabels {
  targets: readonly { key: string; name: string }[];
  /** Display names of source-side values that are not targets (independent_unclear → "Independent / unclear"). */
  sides: Readonly<Record<string, string>>;
  /** Display names of source types. */
  types: Readonly<Record<string, string>>;
  /** Display names of stance values. */
  stances: Readonly<Record<string, string>>;
}

export interface Counted {
  sentences: number;
  words: number;
}

/** A source's ledger entry, and whether the annotators' types and sides differ from the entry's. */
export interface SourceEntry extends LedgerEntry {
  typeDiffers: boolean;
  sideDiffers: boolean;
}

export interface SourceRow extends Counted {
  /** `source:<entry id>` for a name the ledger knows, else nameKey of the name, or `unnamed:<side>` */
  key: string;
  /** The ledger's canonical name, else as first written; null for an unnamed source. */
  name: string | null;
  /** The names as the labels wrote them (several when the ledger groups aliases). */
  names: string[];
  /** null: no ledger entry knows the name. */
  entry: SourceEntry | null;
  type: string | null;
  side: string | null;
  /** Every type and side its sentences gave, most frequent first (more than one: the labels disagree). */
  types: string[];
  sides: string[];
  direct: Counted;
  paraphrased: Counted;
  /** Sentence indexes, in document order. */
  sentenceIndexes: number[];
  basis: BasisCount;
}

export interface SideRow extends Counted {
  side: string;
  label: string;
  /** Whether the side is one of the project's targets. */
  isTarget: boolean;
  /** Distinct sources with a sentence on this side, and their keys. */
  sources: number;
  sourceKeys: string[];
  direct: number;
  paraphrased: number;
  /** Fractions of the article's attributed sentences and words (0 when there are none). */
  sentenceShare: number;
  wordShare: number;
  basis: BasisCount;
}

export interface StanceRow {
  target: string;
  label: string;
  /** Sentences per resolved stance value. */
  counts: Record<string, number>;
  favorable: number;
  unfavorable: number;
  /** Sentences with any stance toward the target. */
  total: number;
  net: number | null;
  basis: BasisCount;
}

export interface ArticleReport {
  document: ReportDocument;
  sentences: number;
  words: number;
  attributed: Counted & { direct: Counted; paraphrased: Counted; basis: BasisCount };
  unattributed: Counted & { examples: { index: number; text: string }[]; basis: BasisCount };
  /** Sentences whose sourcing had no gold, no majority and no annotator to fall back on. */
  unresolvedSourcing: number;
  sources: SourceRow[];
  sides: SideRow[];
  /** The first attributed sentence's source, in document order. */
  firstSource: { key: string; name: string | null; side: string | null; sentenceIndex: number } | null;
  stance: StanceRow[];
  loaded: { spans: number; words: number; per100Words: number | null; basis: BasisCount };
  summary: string;
}

/** The value given most often (ties: the first seen), and all of them by frequency. */
function ranked(values: (string | null)[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

const counted = (): Counted => ({ sentences: 0, words: 0 });
const add = (c: Counted, words: number) => {
  c.sentences++;
  c.words += words;
};

export function sideLabel(labels: ReportLabels, side: string): string {
  if (side === "") return "Side not given";
  return labels.targets.find((t) => t.key === side)?.name ?? labels.sides[side] ?? side;
}

/** A side's row before any sentence is counted (its sources as a set while counting). */
function emptySide(labels: ReportLabels, side: string): Omit<SideRow, "sourceKeys"> & { sourceKeys: Set<string> } {
  return {
    side,
    label: sideLabel(labels, side),
    isTarget: labels.targets.some((t) => t.key === side),
    ...counted(),
    sources: 0,
    direct: 0,
    paraphrased: 0,
    sentenceShare: 0,
    wordShare: 0,
    basis: emptyBasis(),
    sourceKeys: new Set(),
  };
}

/** The entry with what the labels' types and sides say against it (a value the entry leaves unset differs from nothing). */
export function sourceEntry(entry: LedgerEntry | null, types: readonly string[], sides: readonly string[]): SourceEntry | null {
  if (!entry) return null;
  return {
    ...entry,
    typeDiffers: entry.type !== null && types.some((t) => t !== entry.type),
    sideDiffers: entry.side !== null && sides.some((t) => t !== entry.side),
  };
}

export function articleReport(
  document: ReportDocument,
  segments: readonly ResolvedSegment[],
  labels: ReportLabels,
  ledger: SourceResolver = NO_LEDGER,
): ArticleReport {
  const attributed = { ...counted(), direct: counted(), paraphrased: counted(), basis: emptyBasis() };
  const unattributed = { ...counted(), examples: [] as { index: number; text: string }[], basis: emptyBasis() };
  let unresolvedSourcing = 0;
  const sources = new Map<
    string,
    SourceRow & { typeVotes: (string | null)[]; sideVotes: (string | null)[]; ledgerEntry: LedgerEntry | null }
  >();
  const sides = new Map<string, Omit<SideRow, "sourceKeys"> & { sourceKeys: Set<string> }>();
  let firstSource: ArticleReport["firstSource"] = null;

  for (const s of segments) {
    tally(attributed.basis, s.sourcing);
    tally(unattributed.basis, s.sourcing);
    if (s.sourcing.basis === "unresolved") unresolvedSourcing++;
    const kind = s.sourcing.value;
    if (kind === "unattributed") {
      add(unattributed, s.words);
      unattributed.examples.push({ index: s.index, text: s.text });
    }
    if (kind !== "direct" && kind !== "paraphrased") continue;
    add(attributed, s.words);
    add(attributed[kind], s.words);
    tally(attributed.basis, s.sourceSide);

    const side = s.sourceSide.value ?? "";
    const typed = s.sourceName.value;
    const entry = typed ? ledger.resolve(typed) : null;
    const name = entry?.name ?? typed;
    const key = entry ? `source:${entry.id}` : typed ? nameKey(typed) : `unnamed:${side}`;
    let src = sources.get(key);
    if (!src) {
      src = {
        key,
        name,
        names: [],
        entry: null,
        ledgerEntry: entry,
        type: null,
        side: null,
        types: [],
        sides: [],
        ...counted(),
        direct: counted(),
        paraphrased: counted(),
        sentenceIndexes: [],
        basis: emptyBasis(),
        typeVotes: [],
        sideVotes: [],
      };
      sources.set(key, src);
    }
    add(src, s.words);
    add(src[kind], s.words);
    if (typed && !src.names.includes(typed)) src.names.push(typed);
    src.sentenceIndexes.push(s.index);
    src.typeVotes.push(s.sourceType.value);
    src.sideVotes.push(s.sourceSide.value);
    tally(src.basis, s.sourcing, s.sourceName, s.sourceType, s.sourceSide);
    firstSource ??= { key, name, side: s.sourceSide.value, sentenceIndex: s.index };

    let row = sides.get(side);
    if (!row) sides.set(side, (row = emptySide(labels, side)));
    add(row, s.words);
    row[kind]++;
    row.sourceKeys.add(key);
    tally(row.basis, s.sourcing, s.sourceSide);
  }

  const sourceRows: SourceRow[] = [...sources.values()].map(({ typeVotes, sideVotes, ledgerEntry, ...r }) => {
    const types = ranked(typeVotes);
    const sidesOf = ranked(sideVotes);
    return {
      ...r,
      types,
      sides: sidesOf,
      type: types[0] ?? null,
      side: sidesOf[0] ?? null,
      entry: sourceEntry(ledgerEntry, types, sidesOf),
    };
  });
  // Every target gets a row (a side nobody quotes is a finding), then the other sides as they appear.
  for (const t of labels.targets) if (!sides.has(t.key)) sides.set(t.key, emptySide(labels, t.key));
  const targetOrder = new Map(labels.targets.map((t, i) => [t.key, i]));
  const sideRows: SideRow[] = [...sides.values()]
    .sort((a, b) => (targetOrder.get(a.side) ?? Infinity) - (targetOrder.get(b.side) ?? Infinity))
    .map(({ sourceKeys, ...r }) => ({
      ...r,
      sources: sourceKeys.size,
      sourceKeys: [...sourceKeys],
      sentenceShare: attributed.sentences ? r.sentences / attributed.sentences : 0,
      wordShare: attributed.words ? r.words / attributed.words : 0,
    }));

  const stance = labels.targets.map((t): StanceRow => {
    const counts: Record<string, number> = {};
    const basis = emptyBasis();
    for (const s of segments) {
      const r = s.stance[t.key];
      if (!r) continue;
      tally(basis, r);
      if (r.value !== null) counts[r.value] = (counts[r.value] ?? 0) + 1;
    }
    const favorable = counts.favorable ?? 0;
    const unfavorable = counts.unfavorable ?? 0;
    const total = Object.values(counts).reduce((n, c) => n + c, 0);
    return {
      target: t.key,
      label: t.name,
      counts,
      favorable,
      unfavorable,
      total,
      net: total ? (favorable - unfavorable) / total : null,
      basis,
    };
  });

  const words = segments.reduce((n, s) => n + s.words, 0);
  const loadedBasis = emptyBasis();
  for (const s of segments) tally(loadedBasis, s.loaded);
  const spans = segments.reduce((n, s) => n + (s.loaded.value?.length ?? 0), 0);
  const loaded = {
    spans,
    words: segments.reduce((n, s) => n + s.loadedWords, 0),
    per100Words: words ? (100 * spans) / words : null,
    basis: loadedBasis,
  };

  const report: Omit<ArticleReport, "summary"> = {
    document,
    sentences: segments.length,
    words,
    attributed,
    unattributed,
    unresolvedSourcing,
    sources: sourceRows,
    sides: sideRows,
    firstSource,
    stance,
    loaded,
  };
  return { ...report, summary: summaryLine(report) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How a side is named in a sentence: "the Armenia side", "independent / unclear sources", "sources of no given side". */
function sidePhrase(r: SideRow): string {
  if (r.isTarget) return `the ${r.label} side`;
  if (r.side === "") return "sources of no given side";
  return `${r.label.toLowerCase()} sources`;
}

/**
 * One plain-language line: "5 of 7 attributed sentences quote the Azerbaijan side, 2 quote
 * independent / unclear sources; the Armenia side is never quoted; 1 unattributed claim: “…”."
 */
export function summaryLine(
  r: Pick<ArticleReport, "sides" | "attributed" | "unresolvedSourcing"> & {
    unattributed: { sentences: number; examples?: { text: string }[] };
  },
): string {
  const parts: string[] = [];
  const quoted = r.sides.filter((s) => s.sentences > 0).sort((a, b) => b.sentences - a.sentences);
  if (!quoted.length) parts.push("No sentence quotes or paraphrases a source");
  else {
    const [top, ...rest] = quoted;
    parts.push(
      [
        `${top!.sentences} of ${plural(r.attributed.sentences, "attributed sentence")} ${top!.sentences === 1 ? "quotes" : "quote"} ${sidePhrase(top!)}`,
        ...rest.map((s) => `${s.sentences} ${s.sentences === 1 ? "quotes" : "quote"} ${sidePhrase(s)}`),
      ].join(", "),
    );
  }
  const never = r.sides.filter((s) => s.isTarget && s.sentences === 0);
  if (quoted.length && never.length) parts.push(`${never.map(sidePhrase).join(" and ")} ${never.length === 1 ? "is" : "are"} never quoted`);
  const first = r.unattributed.examples?.[0]?.text.trim();
  if (r.unattributed.sentences && first) {
    const shown = first.length > 140 ? `${first.slice(0, 139)}…` : first;
    parts.push(
      `${plural(r.unattributed.sentences, "unattributed claim")}${r.unattributed.sentences === 1 ? ":" : ", the first:"} “${shown}”`,
    );
  } else if (r.unattributed.sentences) parts.push(plural(r.unattributed.sentences, "unattributed claim"));
  if (r.unresolvedSourcing) parts.push(`${plural(r.unresolvedSourcing, "sentence")} without a resolved sourcing label`);
  return `${parts.join("; ")}.`;
}
