/**
 * The per-article report as CSV: one row per article × source (a study's unit of analysis),
 * with the article's metadata and where each row's labels came from. Values are ids (a side is a
 * target key or a value id), as in the exports; shares and names are for people and stay in JSON.
 */
import { csvRow } from "@/lib/formats/csv-write";
import type { ArticleReport } from "./article";
import { describeBasis } from "./basis";

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

export function sourceRowsCsv(reports: Iterable<ArticleReport>, { header = true } = {}): string {
  let out = header ? csvRow(SOURCE_COLUMNS) : "";
  for (const r of reports) {
    const d = r.document;
    for (const s of r.sources) {
      out += csvRow([
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
  return out;
}
