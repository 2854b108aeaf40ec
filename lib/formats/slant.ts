/**
 * Slant's own export (JSONL, one sentence per line; lib/export) read back with every label of
 * every annotator, so that exporting a project and importing the file into a new project
 * reproduces the documents and labels exactly (server/import-slant.ts stores them).
 *
 * Every format version Slant has written is read (SLANT_READABLE_VERSIONS); fields a later
 * version adds are ignored by the versions before it, and a version this code does not know is
 * refused with a message saying so, never guessed at.
 * - Version 1 (no `format_version`): the text between sentences is not in the file; the document
 *   is rebuilt with spaces there (a line break between paragraphs), so every offset stays where it
 *   was but line breaks and left-out sentences (boilerplate) become spaces.
 * - Version 2: `whitespace_before` (first sentence) and `whitespace_after` (every sentence) rebuild
 *   the text exactly, and `boilerplate_reason` is kept. A document must then be whole in the file:
 *   a sentence left out (boilerplate, "gold only") refuses the file with the way to export it whole.
 * - Version 3: as 2, plus the segment `kind` (kept) and `suggestions` (checked for their shape and
 *   not stored: suggestions are the providers' of the importing server, which computes them for the
 *   imported documents as it does at every import).
 * - Version 4: as 3, plus `time_ms` per annotator (time spent in the workspace of the exporting
 *   server): read past, not stored.
 *
 * Sentences keep their index, paragraph, boilerplate flag and code-point offsets. Values come back
 * in their stored form: per-target objects become one value per target ("none" and null: no
 * value), spans become UTF-16 offsets into the rebuilt text.
 */
import { z } from "zod";
import { BOILERPLATE_REASONS } from "@/lib/segment/boilerplate";
import { SEGMENT_KINDS, type SegmentKind } from "@/lib/segment/kinds";
import type { RecordParser } from "./record-common";
import { issuesToErrors } from "./record-common";
import { codePointLength, codePointToUtf16Table, decodeUtf8, DecodeError } from "./text";

/** The format versions of Slant's JSONL export this code reads (lib/export/types.ts SLANT_FORMAT_VERSION writes the last). */
export const SLANT_READABLE_VERSIONS = [1, 2, 3, 4] as const;
type FormatVersion = (typeof SLANT_READABLE_VERSIONS)[number];

const nstr = z.string().nullable().optional();
const Span = z.object({ start: z.int().nonnegative(), end: z.int().nonnegative(), label: z.string().min(1), text: z.string().optional() });
const Value = z.union([z.string(), z.boolean(), z.array(z.string()), z.array(Span), z.record(z.string(), z.string().nullable()), z.null()]);
const Labels = z.record(z.string(), Value);
const Whitespace = z.string().regex(/^\s*$/u, { message: "must be whitespace only (the text between sentences)" });
const SentenceRecordV1 = z.object({
  document: z.object({
    id: z.string().min(1),
    external_id: nstr,
    title: z.string(),
    outlet: nstr,
    story: nstr,
    url: nstr,
    author: nstr,
    published_at: nstr,
    language: z.string().optional(),
  }),
  sentence_index: z.int().nonnegative(),
  paragraph: z.int().nonnegative().default(0),
  start: z.int().nonnegative(),
  end: z.int().nonnegative(),
  text: z.string(),
  is_boilerplate: z.boolean().default(false),
  annotations: z.array(
    z.object({
      annotator: z.string().min(1).max(100),
      confirmed: z.boolean(),
      updated_at: z.iso.datetime({ offset: true }),
      labels: Labels,
    }),
  ),
  gold: Labels.nullable().optional(),
});
const SentenceRecordV2 = SentenceRecordV1.extend({
  format_version: z.literal(2),
  whitespace_before: Whitespace.nullable(),
  whitespace_after: Whitespace,
  boilerplate_reason: z.enum(BOILERPLATE_REASONS).nullable(),
});
const Offsets = z.tuple([z.int().nonnegative(), z.int().nonnegative()]);
const SentenceRecordV3 = SentenceRecordV2.extend({
  format_version: z.literal(3),
  kind: z.enum(SEGMENT_KINDS).nullable(),
  suggestions: z.array(
    z.object({
      provider: z.string().min(1),
      rule: z.string(),
      dimension: z.string().min(1),
      target: z.string().nullable(),
      value: z.unknown(),
      confidence: z.number().min(0).max(1),
      evidence: z.object({ quotes: z.array(Offsets).optional(), cue: Offsets.optional() }).nullable(),
    }),
  ),
});
// Version 4 adds `time_ms` per annotator: read past (zod drops it), not stored (time on another server).
const SentenceRecordV4 = SentenceRecordV3.extend({ format_version: z.literal(4) });
type SentenceRecord =
  | (z.infer<typeof SentenceRecordV1> & { format_version?: undefined })
  | z.infer<typeof SentenceRecordV2>
  | z.infer<typeof SentenceRecordV3>
  | z.infer<typeof SentenceRecordV4>;
const SCHEMAS: Record<FormatVersion, z.ZodType<SentenceRecord>> = {
  1: SentenceRecordV1,
  2: SentenceRecordV2,
  3: SentenceRecordV3,
  4: SentenceRecordV4,
};

/** The record's format version, or why it cannot be read. */
function formatVersion(value: Record<string, unknown>): { ok: true; version: FormatVersion } | { ok: false; reason: string } {
  const v = value.format_version;
  if (v === undefined) return { ok: true, version: 1 };
  if ((SLANT_READABLE_VERSIONS as readonly unknown[]).includes(v)) return { ok: true, version: v as FormatVersion };
  const known = `${SLANT_READABLE_VERSIONS.slice(0, -1).join(", ")} and ${SLANT_READABLE_VERSIONS.at(-1)}`;
  if (Number.isInteger(v) && (v as number) > SLANT_READABLE_VERSIONS.at(-1)!)
    return {
      ok: false,
      reason: `format_version ${v as number}: the file was written by a newer Slant; this one imports format versions ${known} (update Slant to import it)`,
    };
  return { ok: false, reason: `format_version: must be one of ${known}, not ${JSON.stringify(v)}` };
}

/** True for a sentence record of a Slant export (as opposed to an article record). */
export const isSlantSentenceRecord = (r: Record<string, unknown>) =>
  typeof r.sentence_index === "number" && Array.isArray(r.annotations) && typeof r.document === "object" && r.document !== null;

/**
 * In RECORD_PARSERS, first: an article import (one record = one document) cannot carry
 * sentence-level labels, so a Slant export is refused there with a pointer to the import that can.
 */
export const slantSentenceRecordParser: RecordParser = {
  name: "slant-sentences",
  accepts: isSlantSentenceRecord,
  parse: () => ({
    ok: false,
    errors: [
      {
        reason:
          "this is a sentence of a Slant export; import the file with `npm run slant -- import:slant --project P FILE`, which keeps every annotator's labels",
      },
    ],
  }),
};

export interface SlantLabel {
  segmentIndex: number;
  /** pseudonym (or "gold") as in the file */
  annotator: string;
  dimension: string;
  /** "" when the dimension has no target */
  target: string;
  /** stored form; null for a gold per-target "none" */
  value: unknown;
}

export interface SlantDocument {
  sourceId: string;
  title: string;
  externalId: string | null;
  outlet: string | null;
  story: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string;
  text: string;
  segments: {
    index: number;
    paragraph: number;
    start: number;
    end: number;
    isBoilerplate: boolean;
    boilerplateReason: string | null;
    /** From version 3; null before (not stored then). */
    kind: SegmentKind | null;
  }[];
  /**
   * one per annotator and sentence in the file; `targets`: the targets the annotator judged (a
   * value or "none" in a per-target object), what their confirmation covered; null when the labels
   * have no per-target object
   */
  entries: { segmentIndex: number; annotator: string; confirmed: boolean; updatedAt: string; targets: string[] | null }[];
  labels: SlantLabel[];
  gold: SlantLabel[];
}

export interface SlantParseResult {
  documents: SlantDocument[];
  /** the format versions of the file's records */
  formatVersions: FormatVersion[];
  /** pseudonyms in order of first appearance */
  annotators: string[];
  errors: { line?: number; reason: string }[];
}

function storedValues(
  labels: z.infer<typeof Labels>,
  seg: { start: number; text: string },
  gold: boolean,
  out: (dimension: string, target: string, value: unknown) => void,
): string | null {
  for (const [dimension, v] of Object.entries(labels)) {
    if (v === null) continue;
    if (typeof v === "object" && !Array.isArray(v)) {
      for (const [target, tv] of Object.entries(v)) {
        if (tv !== null && tv !== "none") out(dimension, target, tv);
        else if (gold && tv === "none") out(dimension, target, null);
      }
    } else if (Array.isArray(v) && v.some((x) => typeof x === "object")) {
      const table = codePointToUtf16Table(seg.text);
      const spans = [];
      for (const s of v as z.infer<typeof Span>[]) {
        if (s.end > table.length - 1 || s.start >= s.end) return `span [${s.start}, ${s.end}) of ${dimension} is outside the sentence`;
        const start = table[s.start]!;
        const end = table[s.end]!;
        if (s.text !== undefined && seg.text.slice(start, end) !== s.text)
          return `span [${s.start}, ${s.end}) of ${dimension} does not cover ${JSON.stringify(s.text)}`;
        spans.push({ start: seg.start + start, end: seg.start + end, label: s.label });
      }
      out(dimension, "", spans);
    } else {
      out(dimension, "", v);
    }
  }
  return null;
}

type Line = { line: number; r: SentenceRecord };
type Fail = (line: number, reason: string) => null;

/**
 * Version 1: the text between sentences is not in the file. Spaces fill the code points between
 * sentences (the last one a line break when the paragraph changes), so every offset holds.
 */
function layoutV1(records: Line[], fail: Fail): { text: string; starts: number[] } | null {
  let text = "";
  let cp = 0;
  let paragraph = records[0]!.r.paragraph;
  const starts: number[] = [];
  for (const { line, r } of records) {
    if (r.start < cp) return fail(line, `sentence ${r.sentence_index} starts at ${r.start}, before the previous sentence ends (${cp})`);
    const gap = r.start - cp;
    text += r.paragraph !== paragraph && gap > 0 ? `${" ".repeat(gap - 1)}\n` : " ".repeat(gap);
    paragraph = r.paragraph;
    starts.push(text.length);
    text += r.text;
    cp = r.end;
  }
  return { text, starts };
}

/**
 * Version 2: the document is `whitespace_before` of its first sentence, then each sentence's text
 * and `whitespace_after`, exactly. Every sentence must be in the file, and its offsets must be
 * where that text puts it.
 */
function layoutV2(records: Line[], fail: Fail): { text: string; starts: number[] } | null {
  const first = records[0]!;
  const d = first.r.document;
  const missing: number[] = [];
  for (let i = 0, k = 0; k < records.length; i++) {
    if (records[k]!.r.sentence_index === i) k++;
    else missing.push(i);
  }
  if (missing.length) {
    const shown = missing.length > 10 ? `${missing.slice(0, 10).join(", ")}…` : missing.join(", ");
    return fail(
      first.line,
      `document "${d.title}" (${d.id}): sentence${missing.length === 1 ? "" : "s"} ${shown} ${missing.length === 1 ? "is" : "are"} not in the file, so its text cannot be rebuilt exactly; export the project with boilerplate included and without "gold only" (npm run slant -- export --format jsonl --include-boilerplate) to import it`,
    );
  }
  const r0 = first.r as z.infer<typeof SentenceRecordV2>;
  if (r0.whitespace_before === null)
    return fail(first.line, "whitespace_before: the first sentence of a document must carry the text before it");
  let text = r0.whitespace_before;
  let cp = codePointLength(text);
  const starts: number[] = [];
  for (const { line, r } of records) {
    if (r.start !== cp)
      return fail(line, `sentence ${r.sentence_index} starts at ${r.start}, but the text and whitespace before it end at ${cp}`);
    starts.push(text.length);
    const after = (r as z.infer<typeof SentenceRecordV2>).whitespace_after;
    text += r.text + after;
    cp = r.end + codePointLength(after);
  }
  return { text, starts };
}

/** The targets with a value or "none" in the per-target objects of one annotator's labels (null: none such). */
function judgedTargets(labels: z.infer<typeof Labels>): string[] | null {
  const objects = Object.values(labels).filter((v) => v !== null && typeof v === "object" && !Array.isArray(v));
  if (!objects.length) return null;
  return [
    ...new Set(objects.flatMap((o) => Object.entries(o as Record<string, string | null>).flatMap(([t, v]) => (v === null ? [] : [t])))),
  ];
}

function buildDocument(records: Line[], errors: SlantParseResult["errors"]): SlantDocument | null {
  records.sort((a, b) => a.r.sentence_index - b.r.sentence_index);
  const d = records[0]!.r.document;
  const fail: Fail = (line, reason) => (errors.push({ line, reason }), null);
  const version = records[0]!.r.format_version ?? 1;
  for (const { line, r } of records) {
    if ((r.format_version ?? 1) !== version)
      return fail(line, `document ${d.id} mixes format versions ${version} and ${r.format_version ?? 1}: export it again in one file`);
  }
  for (let i = 1; i < records.length; i++) {
    if (records[i]!.r.sentence_index === records[i - 1]!.r.sentence_index)
      return fail(records[i]!.line, `sentence ${records[i]!.r.sentence_index} of document ${d.id} appears twice`);
  }
  for (const { line, r } of records) {
    if (codePointLength(r.text) !== r.end - r.start)
      return fail(line, `sentence ${r.sentence_index}: start/end (${r.start}–${r.end}) do not match the length of its text`);
  }
  const layout = version === 1 ? layoutV1(records, fail) : layoutV2(records, fail);
  if (!layout) return null;
  const doc: SlantDocument = {
    sourceId: d.id,
    title: d.title,
    externalId: d.external_id ?? null,
    outlet: d.outlet ?? null,
    story: d.story ?? null,
    url: d.url ?? null,
    author: d.author ?? null,
    publishedAt: d.published_at ?? null,
    language: d.language ?? "en",
    text: layout.text,
    segments: [],
    entries: [],
    labels: [],
    gold: [],
  };
  for (const [i, { line, r }] of records.entries()) {
    const seg = { start: layout.starts[i]!, text: r.text };
    doc.segments.push({
      index: r.sentence_index,
      paragraph: r.paragraph,
      start: seg.start,
      end: seg.start + r.text.length,
      isBoilerplate: r.is_boilerplate,
      boilerplateReason: r.format_version === undefined ? null : r.boilerplate_reason,
      kind: r.format_version === 3 || r.format_version === 4 ? r.kind : null,
    });
    for (const e of r.annotations) {
      doc.entries.push({
        segmentIndex: r.sentence_index,
        annotator: e.annotator,
        confirmed: e.confirmed,
        updatedAt: new Date(e.updated_at).toISOString(),
        targets: judgedTargets(e.labels),
      });
      const bad = storedValues(e.labels, seg, false, (dimension, target, value) =>
        doc.labels.push({ segmentIndex: r.sentence_index, annotator: e.annotator, dimension, target, value }),
      );
      if (bad) return fail(line, bad);
    }
    if (r.gold) {
      const bad = storedValues(r.gold, seg, true, (dimension, target, value) =>
        doc.gold.push({ segmentIndex: r.sentence_index, annotator: "gold", dimension, target, value }),
      );
      if (bad) return fail(line, bad);
    }
  }
  return doc;
}

/** Parses a Slant JSONL export (bytes); any error rejects the whole file, with line numbers. */
export function parseSlantJsonl(bytes: Uint8Array): SlantParseResult {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return { documents: [], formatVersions: [], annotators: [], errors: [{ reason: e.message }] };
    throw e;
  }
  const errors: SlantParseResult["errors"] = [];
  const byDoc = new Map<string, Line[]>();
  const versions = new Set<FormatVersion>();
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return void errors.push({ line, reason: "invalid JSON" });
    }
    const object = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    const version = object ? formatVersion(object) : { ok: true as const, version: 1 as const };
    if (!version.ok) return void errors.push({ line, reason: version.reason });
    versions.add(version.version);
    const r = SCHEMAS[version.version].safeParse(value);
    if (!r.success) {
      const what = object && isSlantSentenceRecord(object) ? "" : "not a sentence of a Slant export: ";
      return void errors.push(...issuesToErrors(r.error.issues, value).map((e) => ({ line, reason: what + e.reason })));
    }
    const list = byDoc.get(r.data.document.id);
    if (list) list.push({ line, r: r.data });
    else byDoc.set(r.data.document.id, [{ line, r: r.data }]);
  });
  if (!byDoc.size && !errors.length) errors.push({ reason: "file has no records" });
  const documents = [...byDoc.values()].map((records) => buildDocument(records, errors)).filter((d): d is SlantDocument => d !== null);
  if (errors.length) return { documents: [], formatVersions: [], annotators: [], errors };
  const annotators = [...new Set(documents.flatMap((d) => d.entries.map((e) => e.annotator)))];
  return { documents, formatVersions: [...versions].sort(), annotators, errors };
}
