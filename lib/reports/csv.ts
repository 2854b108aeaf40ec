/**
 * Reports as CSV. Values are ids (a side is a target key or a value id), as in the exports; shares
 * and display names are for people and stay in JSON.
 *
 * The per-article report: one row per article × source (a study's unit of analysis), with the
 * article's metadata and where each row's labels came from.
 */
import { csvRow, type CsvValue } from "@/lib/formats/csv-write";
import { sideColumns, type GroupReport } from "./aggregate";
import type { ArticleReport, ReportLabels } from "./article";
import { describeBasis } from "./basis";
import type { StoryComparison } from "./compare";

export const SOURCE_COLUMNS = [
  "document_id",
  "document_title",
  "outlet",
  "story",
  "published_at",
  "source_key",
  "source_name",
  "source_type",
  "source_side",
  "sentences",
  "words",
  "direct_sentences",
  "direct_words",
  "paraphrased_sentences",
  "paraphrased_words",
  "sentence_indexes",
  "labels",
] as const;

/** The rows of the per-article CSV, one string per article × source (no header). */
export function* sourceRows(reports: Iterable<ArticleReport>): Generator<string> {
  for (const r of reports) {
    const d = r.document;
    for (const s of r.sources) {
      yield csvRow([
        d.id,
        d.title,
        d.outlet,
        d.story,
        d.publishedAt,
        s.key,
        s.name,
        s.type,
        s.side,
        s.sentences,
        s.words,
        s.direct.sentences,
        s.direct.words,
        s.paraphrased.sentences,
        s.paraphrased.words,
        s.sentenceIndexes.join(" "),
        describeBasis(s.basis),
      ]);
    }
  }
}

export function sourceRowsCsv(reports: Iterable<ArticleReport>): string {
  let out = csvRow(SOURCE_COLUMNS);
  for (const row of sourceRows(reports)) out += row;
  return out;
}

/** A side's id in column names: the target key or value id; "not_given" for sentences without a side. */
const sideId = (side: string) => side || "not_given";

/**
 * Per-outlet, per-story or per-story-outlet figures as CSV: one row per group, the columns the
 * groups need (a column per side any group quotes, per stance value given toward each target).
 * `lead`: columns before the group's figures (e.g. the story of a comparison) and their values.
 */
export function groupRowsCsv<G extends GroupReport>(
  groups: readonly G[],
  labels: ReportLabels,
  keyColumn: string,
  extra: { columns: readonly string[]; values: (g: G) => CsvValue[] } = { columns: [], values: () => [] },
): string {
  const sides = sideColumns(groups, labels);
  const stanceValues = (t: string) =>
    [...new Set(groups.flatMap((g) => Object.keys(g.stance.find((s) => s.target === t)?.counts ?? {})))].sort();
  const stance = labels.targets.map((t) => ({ target: t.key, values: stanceValues(t.key) }));
  let out = csvRow([
    keyColumn,
    "documents",
    "sentences",
    "words",
    "attributed_sentences",
    "attributed_words",
    "direct_sentences",
    "direct_words",
    "paraphrased_sentences",
    "paraphrased_words",
    "unattributed_sentences",
    "unattributed_words",
    "unresolved_sourcing",
    "sources",
    ...sides.flatMap(({ side }) => [`side:${sideId(side)}:sentences`, `side:${sideId(side)}:words`, `side:${sideId(side)}:sources`]),
    ...stance.flatMap(({ target, values }) => [...values.map((v) => `stance:${target}:${v}`), `stance:${target}:net`]),
    "loaded_spans",
    "loaded_per_100_words",
    "labels",
    ...extra.columns,
  ]);
  for (const g of groups) {
    const side = (s: string) => g.sides.find((x) => x.side === s);
    const st = (t: string) => g.stance.find((x) => x.target === t);
    out += csvRow([
      g.key,
      g.documents.length,
      g.sentences,
      g.words,
      g.attributed.sentences,
      g.attributed.words,
      g.attributed.direct.sentences,
      g.attributed.direct.words,
      g.attributed.paraphrased.sentences,
      g.attributed.paraphrased.words,
      g.unattributed.sentences,
      g.unattributed.words,
      g.unresolvedSourcing,
      g.sources.length,
      ...sides.flatMap(({ side: s }) => [side(s)?.sentences ?? 0, side(s)?.words ?? 0, side(s)?.sources ?? 0]),
      ...stance.flatMap(({ target, values }) => [...values.map((v) => st(target)?.counts[v] ?? 0), st(target)?.net ?? null]),
      g.loaded.spans,
      g.loaded.per100Words,
      describeBasis(g.attributed.basis),
      ...extra.values(g),
    ]);
  }
  return out;
}

/**
 * A story comparison as CSV: one row per outlet (its figures as in groupRowsCsv), with the first
 * source it quotes and the named sources other outlets quote and it does not (candidate omissions).
 */
export function comparisonRowsCsv(comparisons: readonly StoryComparison[], labels: ReportLabels): string {
  const rows = comparisons.flatMap((c) => c.outlets.map((o) => ({ ...o, story: c.story, omissions: c.omissions })));
  return groupRowsCsv(rows, labels, "outlet", {
    columns: ["story", "first_source_document_id", "first_source_name", "first_source_side", "candidate_omissions"],
    values: (o) => [
      o.story,
      o.firstSource?.documentId,
      o.firstSource?.name,
      o.firstSource?.side,
      o.omissions
        .filter((m) => m.absentFrom.includes(o.key))
        .map((m) => m.name)
        .join("; "),
    ],
  });
}
