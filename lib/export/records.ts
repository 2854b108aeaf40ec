/**
 * Sentence records: the one shape every export format is written from.
 *
 * "none" versus "not annotated" (kept distinct in every format):
 * - An annotator who never touched a sentence (no label, no confirmation) is absent from its
 *   `annotations` list: not annotated.
 * - In an annotator's `labels` every dimension of the schema is present; null means that
 *   annotator gave no value.
 * - Per-target stance is an object with every target: the value, or "none" when the annotator
 *   confirmed the sentence without a stance for that target, or null when the sentence is not
 *   confirmed (not annotated yet) or was confirmed before the target was added (that confirmation
 *   did not cover it). A flag is false once confirmed, null before.
 * - `gold` is null when no gold label exists for the sentence; inside it a per-target gold row
 *   without a value is "none", a target without a gold row null.
 * - `majority` is null with fewer than two annotators; per key it is the value more than half of
 *   the annotators who gave one agree on (at least two of them), else null, for single-choice
 *   dimensions (per-target, single, target choice, flag). Spans: the Review screen's span majority
 *   (lib/review/majority.ts: the words more than half of the confirmed annotators marked with a
 *   label), `[]` when that is no word, null on a tie (a word marked by exactly half). Lists and text are null.
 */
import type { Dimension } from "@/lib/schema/types";
import { spanDimensionMajority } from "@/lib/review/majority";
import { wordTokens } from "@/lib/agreement/variables";
import { codePointOffsets } from "./offsets";
import type {
  AnnotatorEntry,
  DocumentBatch,
  ExportAnnotation,
  ExportContext,
  ExportSpan,
  ExportStatus,
  ExportSuggestion,
  ExportSuggestionRow,
  ExportValue,
  LabelSet,
  SentenceRecord,
} from "./types";
import { SLANT_FORMAT_VERSION } from "./types";

/** An annotator's labels: `covered`, the targets their confirmation covers (empty when not confirmed). */
type Mode = { kind: "annotator"; confirmed: boolean; covered: ReadonlySet<string> } | { kind: "gold" };

interface SegmentText {
  text: string;
  start: number;
  cp: (i: number) => number;
}

const isStr = (v: unknown): v is string => typeof v === "string";

function spansOf(v: unknown, seg: SegmentText, docText: string): ExportSpan[] | null {
  if (!Array.isArray(v)) return null;
  const base = seg.cp(seg.start);
  const out: ExportSpan[] = [];
  for (const s of v as { start?: unknown; end?: unknown; label?: unknown }[]) {
    if (typeof s?.start !== "number" || typeof s.end !== "number" || !isStr(s.label)) continue;
    out.push({ start: seg.cp(s.start) - base, end: seg.cp(s.end) - base, label: s.label, text: docText.slice(s.start, s.end) });
  }
  return out;
}

/** Evidence offsets from UTF-16 code units to code points, both relative to the sentence. */
function exportSuggestion(s: ExportSuggestionRow, seg: SegmentText): ExportSuggestion {
  const base = seg.cp(seg.start);
  const span = ([start, end]: [number, number]): [number, number] => [seg.cp(seg.start + start) - base, seg.cp(seg.start + end) - base];
  const e = s.evidence;
  return {
    provider: s.provider,
    rule: s.rule,
    dimension: s.dimension,
    target: s.target || null,
    value: s.value,
    confidence: s.confidence,
    evidence: e ? { ...(e.quotes ? { quotes: e.quotes.map(span) } : {}), ...(e.cue ? { cue: span(e.cue) } : {}) } : null,
  };
}

/** A dimension with its map keys (`dimension:target`) computed once per export. */
interface CompiledDimension {
  dim: Dimension;
  key: string;
  targets: { target: string; key: string }[];
}

function dimensionValue(
  c: CompiledDimension,
  values: ReadonlyMap<string, unknown>,
  mode: Mode,
  seg: SegmentText,
  docText: string,
): ExportValue {
  const { dim } = c;
  const confirmed = mode.kind === "annotator" && mode.confirmed;
  if (dim.kind === "per_target") {
    const out: Record<string, string | null> = {};
    for (const { target, key } of c.targets) {
      const v = values.get(key);
      if (isStr(v)) out[target] = v;
      else if (mode.kind === "gold") out[target] = values.has(key) ? "none" : null;
      else out[target] = mode.kind === "annotator" && mode.covered.has(target) ? "none" : null;
    }
    return out;
  }
  const v = values.get(c.key);
  switch (dim.kind) {
    case "span":
      return spansOf(v, seg, docText);
    case "multi":
      return Array.isArray(v) ? v.filter(isStr) : null;
    case "flag":
      return typeof v === "boolean" ? v : confirmed ? false : null;
    default:
      return isStr(v) ? v : null;
  }
}

function pick<T extends string | boolean>(values: T[]): T | null {
  if (values.length < 2) return null;
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [v, n] of counts) if (n * 2 > values.length) return v;
  return null;
}

/** The majority label set of a sentence's annotators (see the module comment), or null. */
export function majorityLabels(
  dims: readonly Dimension[],
  targets: readonly string[],
  entries: readonly AnnotatorEntry[],
): LabelSet | null {
  if (entries.length < 2) return null;
  const out: LabelSet = {};
  for (const dim of dims) {
    if (dim.kind === "per_target") {
      const obj: Record<string, string | null> = {};
      for (const t of targets) {
        obj[t] = pick(entries.map((e) => (e.labels[dim.id] as Record<string, string | null> | null)?.[t]).filter(isStr));
      }
      out[dim.id] = obj;
    } else if (dim.kind === "single" || dim.kind === "target_choice") {
      out[dim.id] = pick(entries.map((e) => e.labels[dim.id]).filter(isStr));
    } else if (dim.kind === "flag") {
      out[dim.id] = pick(entries.map((e) => e.labels[dim.id]).filter((v): v is boolean => typeof v === "boolean"));
    } else {
      out[dim.id] = null;
    }
  }
  return out;
}

/**
 * The whitespace after a sentence: the text between sentences is whitespace only and sentences
 * start with none (lib/segment), so this run ends where the next sentence (or the document) does,
 * whether or not that sentence is exported.
 */
function whitespaceAfter(text: string, end: number): string {
  let i = end;
  while (i < text.length && /\s/u.test(text[i]!)) i++;
  return text.slice(end, i);
}

function groupBy<T extends { segmentId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.segmentId);
    if (list) list.push(r);
    else m.set(r.segmentId, [r]);
  }
  return m;
}

/** Builds the sentence records of one document at a time; keeps nothing between documents. */
export function createRecordBuilder(ctx: ExportContext) {
  const dims = ctx.schema.dimensions;
  const targets = ctx.targets.map((t) => t.key);
  const compiled: CompiledDimension[] = dims.map((dim) => ({
    dim,
    key: `${dim.id}:`,
    targets: targets.map((target) => ({ target, key: `${dim.id}:${target}` })),
  }));
  const order = new Map(ctx.annotators.map((a, i) => [a.userId, i]));
  const project = { id: ctx.project.id, slug: ctx.project.slug, name: ctx.project.name, suggestions_shown: ctx.project.suggestionsShown };
  const from = ctx.range?.from ? Date.parse(ctx.range.from) : -Infinity;
  const to = ctx.range?.to ? Date.parse(ctx.range.to) : Infinity;

  const spanDims = compiled.filter((c) => c.dim.kind === "span");
  /** The span dimensions of a majority label set, computed as the Review screen does (see the module comment). */
  const withSpanMajority = (set: LabelSet | null, voters: readonly ReadonlyMap<string, unknown>[], seg: SegmentText, docText: string) => {
    if (!set || spanDims.length === 0 || voters.length === 0) return set;
    const words = wordTokens(docText, seg.start, seg.start + seg.text.length);
    for (const c of spanDims) {
      if (c.dim.kind !== "span") continue;
      const m = spanDimensionMajority(
        c.dim,
        voters.map((v) => v.get(c.key) ?? null),
        words,
      );
      set[c.dim.id] = !m || m.tie ? null : (spansOf(m.value ?? [], seg, docText) ?? []);
    }
    return set;
  };

  const labelSet = (values: ReadonlyMap<string, unknown>, mode: Mode, seg: SegmentText, docText: string): LabelSet => {
    const out: LabelSet = {};
    for (const c of compiled) out[c.dim.id] = dimensionValue(c, values, mode, seg, docText);
    return out;
  };

  return function records(batch: DocumentBatch): SentenceRecord[] {
    const doc = batch.document;
    const cp = codePointOffsets(doc.text);
    const annotations = groupBy(batch.annotations);
    const statuses = groupBy(batch.statuses);
    const gold = groupBy(batch.gold);
    const suggestions = groupBy(batch.suggestions);
    const times = new Map((batch.times ?? []).map((t) => [`${t.segmentId}:${t.userId}`, t.ms]));
    const document = {
      id: doc.id,
      external_id: doc.externalId,
      title: doc.title,
      outlet: doc.outlet,
      story: doc.story,
      url: doc.url,
      author: doc.author,
      published_at: doc.publishedAt,
      language: doc.language,
    };
    const segments = [...batch.segments].sort((a, b) => a.index - b.index);
    return segments.map((s) => {
      const seg: SegmentText = { text: doc.text.slice(s.start, s.end), start: s.start, cp };
      const byUser = new Map<string, { anns: ExportAnnotation[]; status?: ExportStatus }>();
      const slot = (userId: string) => {
        let e = byUser.get(userId);
        if (!e) byUser.set(userId, (e = { anns: [] }));
        return e;
      };
      for (const a of annotations.get(s.id) ?? []) if (order.has(a.userId)) slot(a.userId).anns.push(a);
      for (const st of statuses.get(s.id) ?? []) if (order.has(st.userId)) slot(st.userId).status = st;
      const users = [...byUser.keys()].filter((u) => !batch.doneBy || batch.doneBy.has(u)).sort((a, b) => order.get(a)! - order.get(b)!);
      const entries: AnnotatorEntry[] = [];
      /** the stored values of the confirmed annotators: the voters of the span majority, as in review */
      const confirmedValues: Map<string, unknown>[] = [];
      for (const userId of users) {
        const { anns, status } = byUser.get(userId)!;
        let updated = status ? status.updatedAt.getTime() : -Infinity;
        for (const a of anns) {
          const t = a.updatedAt.getTime();
          if (t > updated) updated = t;
        }
        if (updated < from || updated >= to) continue;
        const confirmed = !!status?.confirmedAt;
        const values = new Map<string, unknown>();
        for (const a of anns) values.set(`${a.dimension}:${a.target}`, a.value);
        if (confirmed) confirmedValues.push(values);
        const ref = ctx.annotators[order.get(userId)!]!;
        entries.push({
          annotator: ref.pseudonym,
          ...(ctx.includeEmails ? { email: ref.email ?? "" } : {}),
          confirmed,
          updated_at: new Date(updated).toISOString(),
          time_ms: times.get(`${s.id}:${userId}`) ?? null,
          labels: labelSet(values, { kind: "annotator", confirmed, covered: status?.confirmedTargets ?? new Set() }, seg, doc.text),
        });
      }
      const goldRows = gold.get(s.id);
      const goldSet =
        ctx.includeGold && goldRows?.length
          ? labelSet(new Map(goldRows.map((g) => [`${g.dimension}:${g.target}`, g.value])), { kind: "gold" }, seg, doc.text)
          : null;
      return {
        format_version: SLANT_FORMAT_VERSION,
        project,
        document,
        sentence_index: s.index,
        paragraph: s.paragraph,
        start: cp(s.start),
        end: cp(s.end),
        text: seg.text,
        whitespace_before: s.index === 0 ? doc.text.slice(0, s.start) : null,
        whitespace_after: whitespaceAfter(doc.text, s.end),
        is_boilerplate: s.isBoilerplate,
        boilerplate_reason: s.boilerplateReason,
        kind: s.kind,
        annotations: entries,
        gold: goldSet,
        majority: ctx.includeGold ? withSpanMajority(majorityLabels(dims, targets, entries), confirmedValues, seg, doc.text) : null,
        suggestions: (suggestions.get(s.id) ?? []).map((x) => exportSuggestion(x, seg)),
      };
    });
  };
}
