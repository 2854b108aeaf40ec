/**
 * Export: plain data in (read from the database by server/export.ts, a page of documents at a
 * time), records and file chunks out. Nothing here knows Prisma, Next.js or the request.
 *
 * Offsets come in as UTF-16 code units (storage) and leave as Unicode code points (exports), so
 * that Python's `text[start:end]` gives the sentence or span exactly.
 */
import type { LabelSchema } from "@/lib/schema/schema";

export const EXPORT_FORMATS = ["jsonl", "csv-long", "csv-wide", "doccano", "labelstudio", "package"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportProject {
  id: string;
  slug: string;
  name: string;
  description: string;
  guidelines: string;
  /**
   * Whether the workspace shows annotators machine suggestions (the project's setting when
   * exported); `suggestionsOffSince` is when a manager turned them off (ISO 8601 UTC), else null.
   */
  suggestionsShown: boolean;
  suggestionsOffSince: string | null;
}

export interface ExportTarget {
  key: string;
  name: string;
}

/** A pseudonymised annotator: `annotator_1`… in the order given (first label first). */
export interface ExportAnnotator {
  userId: string;
  pseudonym: string;
  /** Only when a manager asked for real emails. */
  email?: string;
}

export interface ExportContext {
  project: ExportProject;
  schema: LabelSchema;
  targets: ExportTarget[];
  annotators: ExportAnnotator[];
  /** Gold and majority columns (false for an annotator of a blind project, who sees only their own labels). */
  includeGold: boolean;
  includeEmails: boolean;
  /** Keep an annotator's sentence only when its `updated_at` lies in [from, to) (ISO 8601 UTC). */
  range?: { from?: string; to?: string };
}

export interface ExportDocument {
  id: string;
  externalId: string | null;
  title: string;
  outlet: string | null;
  story: string | null;
  url: string | null;
  author: string | null;
  /** ISO 8601 UTC */
  publishedAt: string | null;
  language: string;
  text: string;
}

/** [start, end) in UTF-16 code units into the document text. */
export interface ExportSegment {
  id: string;
  index: number;
  start: number;
  end: number;
  paragraph: number;
  isBoilerplate: boolean;
  boilerplateReason: string | null;
  /** lib/segment/kinds.ts; null for segments stored before kinds were. */
  kind: string | null;
}

export interface ExportAnnotation {
  segmentId: string;
  userId: string;
  dimension: string;
  /** "" when the dimension has no target */
  target: string;
  /** The stored value (spans in UTF-16 document offsets); null = cleared. */
  value: unknown;
  updatedAt: Date;
}

export interface ExportStatus {
  segmentId: string;
  userId: string;
  confirmedAt: Date | null;
  /** The target keys the confirmation covers: toward others a target left empty is not annotated, not "none". */
  confirmedTargets: ReadonlySet<string>;
  updatedAt: Date;
}

/** Time an annotator spent on a sentence in the workspace (server/segment-time.ts), summed. */
export interface ExportTime {
  segmentId: string;
  userId: string;
  ms: number;
}

export interface ExportGold {
  segmentId: string;
  dimension: string;
  target: string;
  value: unknown;
}

/** A provider's suggestion (the machine's, never anyone's label); evidence in UTF-16 code units relative to the sentence. */
export interface ExportSuggestionRow {
  segmentId: string;
  dimension: string;
  /** "" when the dimension has no target */
  target: string;
  value: unknown;
  confidence: number;
  provider: string;
  rule: string;
  evidence: { quotes?: [number, number][]; cue?: [number, number] } | null;
}

/** One document with everything the export needs of it (already filtered by the query). */
export interface DocumentBatch {
  document: ExportDocument;
  segments: ExportSegment[];
  annotations: ExportAnnotation[];
  statuses: ExportStatus[];
  /** Time per sentence and annotator; absent when the caller did not read it (the same as none recorded). */
  times?: ExportTime[];
  gold: ExportGold[];
  suggestions: ExportSuggestionRow[];
  /** "Documents done only": the annotators who marked this document done; others are left out. */
  doneBy?: ReadonlySet<string>;
}

/**
 * A suggestion in the JSONL export (format 3): the value as the annotation layer stores it (a value
 * id, a list for multi, a text), evidence spans `[start, end)` in code points relative to the sentence `text`.
 */
export interface ExportSuggestion {
  provider: string;
  rule: string;
  dimension: string;
  target: string | null;
  value: unknown;
  confidence: number;
  evidence: { quotes?: [number, number][]; cue?: [number, number] } | null;
}

/** A span in an export: code points relative to the sentence `text`, with the text it covers. */
export interface ExportSpan {
  start: number;
  end: number;
  label: string;
  text: string;
}

/**
 * One dimension's value in an export:
 * per_target → { target: value | "none" | null }, single/target_choice/text → string,
 * multi → string[], span → ExportSpan[], flag → boolean; null = not annotated.
 */
export type ExportValue = string | string[] | boolean | ExportSpan[] | Record<string, string | null> | null;

/** Dimension id → value; every dimension of the schema is present. */
export type LabelSet = Record<string, ExportValue>;

export interface AnnotatorEntry {
  annotator: string;
  email?: string;
  confirmed: boolean;
  /** The latest change of this annotator's labels or confirmation of the sentence (ISO 8601 UTC). */
  updated_at: string;
  /**
   * Milliseconds the annotator spent on the sentence in the workspace (format 4): the sentence
   * current and not yet confirmed, summed over visits, a gap of more than 60 s without input
   * counted as 60 s; null when none was recorded (labels given through the API or an import).
   */
  time_ms: number | null;
  labels: LabelSet;
}

/**
 * The version of the JSONL sentence record (README, dataset card). `import:slant` reads every
 * version Slant has written: 1 (no `format_version` field; the text between sentences was not in
 * the file) and 2 (adds `format_version`, `whitespace_before`, `whitespace_after` and
 * `boilerplate_reason`, so a document's text is rebuilt exactly), and 3 (adds `kind`, the segment's kind,
 * and `suggestions`: the providers' suggestions for the sentence, which are nobody's labels), and 4 (adds `time_ms`
 * to each annotator's entry: time spent on the sentence in the workspace). A change that adds or changes
 * a field raises it; lib/formats/slant.ts reads each version.
 */
export const SLANT_FORMAT_VERSION = 4;

/** One line of the JSONL export: one sentence. */
export interface SentenceRecord {
  format_version: typeof SLANT_FORMAT_VERSION;
  /** `suggestions_shown`: whether annotators were shown machine suggestions (the setting when exported). */
  project: { id: string; slug: string; name: string; suggestions_shown: boolean };
  document: {
    id: string;
    external_id: string | null;
    title: string;
    outlet: string | null;
    story: string | null;
    url: string | null;
    author: string | null;
    published_at: string | null;
    language: string;
  };
  sentence_index: number;
  paragraph: number;
  /** Code points into the document text. */
  start: number;
  end: number;
  text: string;
  /**
   * The document text before this sentence when it is the document's first sentence (index 0),
   * else null (it is the previous sentence's `whitespace_after`). Whitespace only.
   */
  whitespace_before: string | null;
  /** The document text between this sentence and the next one (or the end of the document): whitespace only. */
  whitespace_after: string;
  is_boilerplate: boolean;
  /** Why the segmenter flagged the sentence as boilerplate (e.g. "photo_credit"), null when it is not or nobody said. */
  boilerplate_reason: string | null;
  /** headline, heading, dateline, sentence, caption or boilerplate (format 3); null when it was not stored. */
  kind: string | null;
  /** Annotators who touched the sentence (a label or a confirmation), in pseudonym order. */
  annotations: AnnotatorEntry[];
  gold: LabelSet | null;
  majority: LabelSet | null;
  /** The suggestion providers' proposals for the sentence (format 3): kept apart from the labels, by provider, dimension, target. */
  suggestions: ExportSuggestion[];
}
