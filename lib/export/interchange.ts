/**
 * Exports for other annotation tools, one item per document with its whole text; offsets are
 * code points into that text.
 * - doccano JSONL: one line per document × annotator (`annotator`), `label: [[start, end, label]]`
 *   with the span labels; gold spans as annotator "gold"; a document nobody labelled has one line
 *   with `label: []`. With several span dimensions, labels are `dimension:value`.
 * - Label Studio JSON: an array of tasks, `data.text` the document, one annotation per annotator
 *   (`completed_by.id` the pseudonym; gold as `ground_truth: true`). Span labels are `labels`
 *   results; sentence labels are per-region results on the sentence (`choices`, `textarea` for
 *   text) whose value carries the sentence's start/end; per-target dimensions are named
 *   `dimension.target`.
 */
import type { ExportContext, ExportDocument, ExportSpan, LabelSet, SentenceRecord } from "./types";
import type { TextWriter } from "./writer";

interface Labelled {
  who: string;
  email?: string;
  gold: boolean;
  /** Per sentence of the document: its record and this annotator's labels. */
  sentences: { record: SentenceRecord; labels: LabelSet }[];
}

/** The annotators (in pseudonym order), then gold, with their labels across the document's sentences. */
function byAnnotator(records: readonly SentenceRecord[]): Labelled[] {
  const map = new Map<string, Labelled>();
  const add = (who: string, gold: boolean, record: SentenceRecord, labels: LabelSet, email?: string) => {
    let l = map.get(who);
    if (!l) map.set(who, (l = { who, gold, sentences: [], ...(email !== undefined ? { email } : {}) }));
    l.sentences.push({ record, labels });
  };
  for (const r of records) for (const e of r.annotations) add(e.annotator, false, r, e.labels, e.email);
  for (const r of records) if (r.gold) add("gold", true, r, r.gold);
  const num = (w: string) => Number(/_(\d+)$/.exec(w)?.[1] ?? Infinity);
  return [...map.values()].sort((a, b) => Number(a.gold) - Number(b.gold) || num(a.who) - num(b.who) || (a.who < b.who ? -1 : 1));
}

function documentMeta(doc: ExportDocument) {
  return {
    title: doc.title,
    url: doc.url,
    outlet: doc.outlet,
    story: doc.story,
    author: doc.author,
    published_at: doc.publishedAt,
    language: doc.language,
  };
}

export function doccanoWriter(ctx: ExportContext): TextWriter {
  const spanDims = ctx.schema.dimensions.filter((d) => d.kind === "span").map((d) => d.id);
  const labelName = (dim: string, value: string) => (spanDims.length > 1 ? `${dim}:${value}` : value);
  return {
    document(doc, records, emit) {
      const base = { id: doc.id, text: doc.text, external_id: doc.externalId, ...documentMeta(doc) };
      const people = byAnnotator(records);
      if (!people.length) return emit(`${JSON.stringify({ ...base, label: [] })}\n`);
      for (const p of people) {
        const label: [number, number, string][] = [];
        for (const { record, labels } of p.sentences) {
          for (const dim of spanDims) {
            for (const s of (labels[dim] as ExportSpan[] | null) ?? [])
              label.push([record.start + s.start, record.start + s.end, labelName(dim, s.label)]);
          }
        }
        emit(`${JSON.stringify({ ...base, label, annotator: p.who, ...(p.email !== undefined ? { annotator_email: p.email } : {}) })}\n`);
      }
    },
  };
}

interface LsResult {
  id: string;
  from_name: string;
  to_name: "text";
  type: "labels" | "choices" | "textarea";
  value: Record<string, unknown>;
}

function labelStudioResults(ctx: ExportContext, p: Labelled): LsResult[] {
  const out: LsResult[] = [];
  for (const { record: r, labels } of p.sentences) {
    const region = { start: r.start, end: r.end };
    const id = `s${r.sentence_index}`;
    const choice = (from_name: string, choices: string[]) =>
      out.push({ id, from_name, to_name: "text", type: "choices", value: { ...region, text: r.text, choices } });
    for (const dim of ctx.schema.dimensions) {
      const v = labels[dim.id];
      if (v === null || v === undefined) continue;
      if (dim.kind === "per_target") {
        for (const [t, tv] of Object.entries(v as Record<string, string | null>)) if (tv !== null) choice(`${dim.id}.${t}`, [tv]);
      } else if (dim.kind === "span") {
        (v as ExportSpan[]).forEach((s, k) =>
          out.push({
            id: `${id}-${dim.id}-${k}`,
            from_name: dim.id,
            to_name: "text",
            type: "labels",
            value: { start: r.start + s.start, end: r.start + s.end, text: s.text, labels: [s.label] },
          }),
        );
      } else if (dim.kind === "text") {
        out.push({ id, from_name: dim.id, to_name: "text", type: "textarea", value: { ...region, text: [v as string] } });
      } else if (dim.kind === "multi") {
        if ((v as string[]).length) choice(dim.id, v as string[]);
      } else {
        choice(dim.id, [String(v)]);
      }
    }
  }
  return out;
}

export function labelStudioWriter(ctx: ExportContext): TextWriter {
  let first = true;
  return {
    header: () => "[\n",
    document(doc, records, emit) {
      const annotations = byAnnotator(records).map((p) => ({
        completed_by: { id: p.who, ...(p.email !== undefined ? { email: p.email } : {}) },
        ground_truth: p.gold,
        result: labelStudioResults(ctx, p),
      }));
      const task = { data: { text: doc.text, document_id: doc.id, external_id: doc.externalId, ...documentMeta(doc) }, annotations };
      const sep = first ? "" : ",\n";
      first = false;
      emit(sep + JSON.stringify(task));
    },
    footer: () => (first ? "]\n" : "\n]\n"),
  };
}
