/**
 * Model-based labels for the dataset package: MACE and Dawid–Skene (lib/agreement/aggregation)
 * per single-choice dimension and target, over exactly the votes the export's `majority` counts
 * (./records.ts majorityLabels): each annotator entry's value for the key, "none" where a
 * confirmation covered a target without a stance, false for an unset flag of a confirmed sentence,
 * nothing where the annotator gave no value. Both models need every rating of the project before
 * any posterior is known, so they cannot ride along the streamed sentence records: the builder
 * keeps only compact typed arrays per (dimension, target) (a sentence number and a class index per
 * rating) and fits the models once all records have been seen.
 *
 * The models' output is a statistical estimate, a machine layer like suggestions: it is never
 * written back as anyone's label.
 */
import type { RatingCounts } from "@/lib/agreement/aggregation/counts";
import { dawidSkene, type DawidSkeneOptions, type DawidSkeneResult } from "@/lib/agreement/aggregation/dawid-skene";
import { mace, type MaceOptions, type MaceResult } from "@/lib/agreement/aggregation/mace";
import { dimensionKeys } from "@/lib/schema/helpers";
import { createRecordBuilder } from "./records";
import type { DocumentBatch, ExportContext, ExportValue, LabelSet, SentenceRecord } from "./types";

/** The models' settings, fixed so that two exports of the same labels give the same figures (the card states them). */
export const AGGREGATION_SETTINGS: { mace: Required<MaceOptions>; dawidSkene: Required<DawidSkeneOptions> } = {
  mace: { alpha: 0.5, beta: 0.5, iterations: 50, restarts: 10, seed: 1 },
  dawidSkene: { tolerance: 1e-5, maxIterations: 100 },
};

/** A class of a dimension: a value id, a target key (target choice), "none" (per target) or a flag's true/false. */
export type ClassValue = string | boolean;

/** One (dimension, target) with at least one rating: its items (sentences rated for it) and both fits. */
export interface AggregatedKey {
  dimension: string;
  /** target key for per-target dimensions, else null */
  target: string | null;
  /** the models' classes: the schema's values (plus "none" per target), then any other value annotators gave */
  classes: ClassValue[];
  /** items: the sentences with at least one rating, in export order (indices into LabelAggregation's sentence arrays) */
  sentence: Int32Array;
  /** ratings of item i are [itemStart[i], itemStart[i + 1]) in the counts */
  itemStart: Int32Array;
  /** the record's majority as a class index, -1 when there is none */
  majority: Int32Array;
  /** the record's gold value, null where nobody decided it */
  gold: (ClassValue | null)[];
  /** ratings per annotator (index as in LabelAggregation.annotators) */
  ratings: Int32Array;
  mace: MaceResult;
  dawidSkene: DawidSkeneResult;
}

export interface LabelAggregation {
  /** pseudonyms, in the export's order */
  annotators: string[];
  /** per exported sentence: its document (index into `documents`) and sentence_index */
  documents: string[];
  sentenceDocument: Int32Array;
  sentenceIndex: Int32Array;
  keys: AggregatedKey[];
}

/** A growable Int32Array: 4 bytes a rating however many there are. */
class IntList {
  private a = new Int32Array(1024);
  length = 0;
  push(x: number) {
    if (this.length === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = x;
  }
  get last(): number {
    return this.a[this.length - 1]!;
  }
  array(): Int32Array {
    return this.a.slice(0, this.length);
  }
}

interface KeyState {
  dimension: string;
  target: string | null;
  /** the dimension's value in a label set → this key's value */
  read: (labels: LabelSet | null) => ClassValue | null;
  classes: ClassValue[];
  classIndex: Map<ClassValue, number>;
  sentence: IntList;
  itemStart: IntList;
  majority: IntList;
  gold: (ClassValue | null)[];
  annotator: IntList;
  value: IntList;
}

const asClass = (v: ExportValue | undefined): ClassValue | null => (typeof v === "string" || typeof v === "boolean" ? v : null);

/** Collects the ratings of the export's records (`add`, in export order), then fits both models (`finish`). */
export function createAggregationBuilder(ctx: ExportContext) {
  const annotatorIndex = new Map(ctx.annotators.map((a, i) => [a.pseudonym, i]));
  const targetKeys = ctx.targets.map((t) => t.key);
  const keys: KeyState[] = [];
  for (const { dimension, target } of dimensionKeys(ctx.schema, targetKeys)) {
    const dim = ctx.schema.dimensions.find((d) => d.id === dimension)!;
    let classes: ClassValue[];
    if (dim.kind === "per_target") classes = [...dim.values.map((v) => v.id), "none"];
    else if (dim.kind === "single") classes = dim.values.map((v) => v.id);
    else if (dim.kind === "target_choice") classes = [...targetKeys, ...dim.values.map((v) => v.id)];
    else if (dim.kind === "flag") classes = [false, true];
    else continue; // lists, spans and text have no single label to vote on (as majority)
    classes = [...new Set(classes)];
    const read =
      target === null
        ? (l: LabelSet | null) => asClass(l?.[dimension])
        : (l: LabelSet | null) => asClass((l?.[dimension] as Record<string, string | null> | null | undefined)?.[target]);
    const start = new IntList();
    start.push(0);
    keys.push({
      dimension,
      target,
      read,
      classes,
      classIndex: new Map(classes.map((c, i) => [c, i])),
      sentence: new IntList(),
      itemStart: start,
      majority: new IntList(),
      gold: [],
      annotator: new IntList(),
      value: new IntList(),
    });
  }
  const documents: string[] = [];
  const sentenceDocument = new IntList();
  const sentenceIndex = new IntList();

  function add(r: SentenceRecord) {
    if (documents[documents.length - 1] !== r.document.id) documents.push(r.document.id);
    const s = sentenceIndex.length;
    sentenceDocument.push(documents.length - 1);
    sentenceIndex.push(r.sentence_index);
    for (const k of keys) {
      for (const e of r.annotations) {
        const v = k.read(e.labels);
        if (v === null) continue;
        let c = k.classIndex.get(v);
        if (c === undefined) k.classIndex.set(v, (c = k.classes.push(v) - 1)); // a value the schema no longer has
        k.annotator.push(annotatorIndex.get(e.annotator)!);
        k.value.push(c);
      }
      if (k.value.length === k.itemStart.last) continue; // nobody rated it: not an item
      k.itemStart.push(k.value.length);
      k.sentence.push(s);
      const m = k.read(r.majority);
      k.majority.push(m === null ? -1 : k.classIndex.get(m)!);
      k.gold.push(k.read(r.gold));
    }
  }

  function finish(): LabelAggregation {
    const A = ctx.annotators.length;
    const fitted: AggregatedKey[] = [];
    for (const k of keys) {
      if (!k.sentence.length) continue;
      const itemStart = k.itemStart.array();
      const annotator = k.annotator.array();
      const items = k.sentence.length;
      const item = new Int32Array(annotator.length);
      for (let i = 0; i < items; i++) item.fill(i, itemStart[i]!, itemStart[i + 1]!);
      const counts: RatingCounts = {
        items,
        annotators: A,
        classes: k.classes.length,
        item,
        annotator,
        value: k.value.array(),
        count: new Float64Array(annotator.length).fill(1),
        itemStart,
      };
      const ratings = new Int32Array(A);
      for (const a of annotator) ratings[a]!++;
      fitted.push({
        dimension: k.dimension,
        target: k.target,
        classes: k.classes,
        sentence: k.sentence.array(),
        itemStart,
        majority: k.majority.array(),
        gold: k.gold,
        ratings,
        mace: mace(counts, AGGREGATION_SETTINGS.mace),
        dawidSkene: dawidSkene(counts, AGGREGATION_SETTINGS.dawidSkene),
      });
    }
    return {
      annotators: ctx.annotators.map((a) => a.pseudonym),
      documents,
      sentenceDocument: sentenceDocument.array(),
      sentenceIndex: sentenceIndex.array(),
      keys: fitted,
    };
  }

  return { add, finish };
}

/** The aggregation of an export's records: one pass over the document batches (the records the sentence files are written from). */
export async function aggregateBatches(
  ctx: ExportContext,
  batches: AsyncIterable<DocumentBatch> | Iterable<DocumentBatch>,
): Promise<LabelAggregation> {
  const records = createRecordBuilder(ctx);
  const builder = createAggregationBuilder(ctx);
  for await (const batch of batches) for (const r of records(batch)) builder.add(r);
  return builder.finish();
}
