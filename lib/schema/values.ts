/**
 * Validation and normalisation of one stored annotation value against the label schema.
 * Messages are written for the person who sent the value.
 */
import type { LabelSchema } from "./schema";
import type { Dimension, NormalizedValue, StoredSpan, Value } from "./types";
import { getDimension } from "./helpers";

export interface AnnotationInput {
  dimension: string;
  /** Target key for per_target dimensions; null (or "") otherwise. */
  target: string | null;
  value: unknown;
}

export interface AnnotationContext {
  /** The project's target keys. */
  targets: readonly string[];
  /** The sentence, as absolute offsets into `text`. */
  segment: { start: number; end: number };
  /** The document text. */
  text: string;
}

export type ValidationResult = { ok: true; value: NormalizedValue } | { ok: false; error: string };

/** Upper bound on spans per (sentence, annotator, dimension). */
const MAX_SPANS = 200;

const fail = (error: string): ValidationResult => ({ ok: false, error });
const ok = (value: NormalizedValue): ValidationResult => ({ ok: true, value });
const ids = (values: readonly Value[]) => values.map((v) => v.id).join(", ");
const show = (v: unknown): string => {
  if (typeof v === "string") return `"${v.length > 60 ? `${v.slice(0, 57)}...` : v}"`;
  if (Array.isArray(v)) return "a list";
  if (v === undefined) return "nothing";
  return typeof v === "object" ? "an object" : String(v);
};
const isInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

let wordSegmenter: Intl.Segmenter | undefined;

/**
 * Snap a span to word boundaries inside `bounds`: the start moves left to the start of the word
 * (or grapheme cluster: emoji, accented letters) it falls in, the end moves right to the end of
 * the word it falls in, then surrounding whitespace is trimmed. Offsets are UTF-16 code units into
 * `text`. Returns null when nothing but whitespace is left.
 */
export function snapSpanToWords(
  text: string,
  start: number,
  end: number,
  bounds: { start: number; end: number },
): { start: number; end: number } | null {
  const lo = Math.max(0, Math.min(bounds.start, text.length));
  const hi = Math.max(lo, Math.min(bounds.end, text.length));
  let s = Math.max(lo, Math.min(start, hi));
  let e = Math.max(lo, Math.min(end, hi));
  if (s >= e) return null;
  wordSegmenter ??= new Intl.Segmenter("und", { granularity: "word" });
  const inner = text.slice(lo, hi);
  for (const seg of wordSegmenter.segment(inner)) {
    const a = lo + seg.index;
    const b = a + seg.segment.length;
    if (a < s && s < b) s = a;
    if (a < e && e < b) e = b;
    if (a >= e) break;
  }
  while (s < e && /\s/u.test(text[s] ?? "")) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? "")) e--;
  return s < e ? { start: s, end: e } : null;
}

function validateSpans(dim: Dimension & { values: Value[] }, raw: unknown, ctx: AnnotationContext): ValidationResult {
  const where = `${dim.id}:`;
  if (!Array.isArray(raw)) return fail(`${where} expected a list of spans { start, end, label }, got ${show(raw)}`);
  if (raw.length > MAX_SPANS) return fail(`${where} at most ${MAX_SPANS} spans per sentence (got ${raw.length})`);
  const seg = ctx.segment;
  const spans: StoredSpan[] = [];
  for (const [i, item] of raw.entries()) {
    if (typeof item !== "object" || item === null) {
      return fail(`${where} span ${i + 1} must be an object { start, end, label }`);
    }
    const { start, end, label } = item as Record<string, unknown>;
    if (!isInt(start) || !isInt(end)) return fail(`${where} span ${i + 1} needs integer start and end offsets`);
    if (typeof label !== "string" || !dim.values.some((v) => v.id === label)) {
      return fail(`${where} span label ${show(label)} is not one of ${ids(dim.values)}`);
    }
    if (start >= end) return fail(`${where} span ${start}–${end} is empty`);
    if (start < seg.start || end > seg.end) {
      return fail(`${where} span ${start}–${end} is outside the sentence (${seg.start}–${seg.end})`);
    }
    const snapped = snapSpanToWords(ctx.text, start, end, seg);
    if (!snapped) return fail(`${where} span ${start}–${end} contains only whitespace`);
    spans.push({ ...snapped, label });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  // Merge overlapping spans that carry the same label (e.g. two selections that snapped onto
  // the same word), so spans of one label never overlap.
  const out: StoredSpan[] = [];
  const lastByLabel = new Map<string, StoredSpan>();
  for (const sp of spans) {
    const prev = lastByLabel.get(sp.label);
    if (prev && sp.start < prev.end) {
      prev.end = Math.max(prev.end, sp.end);
      continue;
    }
    const copy = { start: sp.start, end: sp.end, label: sp.label };
    out.push(copy);
    lastByLabel.set(sp.label, copy);
  }
  return ok(out);
}

/**
 * Validate and normalise one value for (dimension, target). `value: null` clears it.
 * Texts are trimmed (an empty text is normalised to null); multi values come back sorted and
 * unique; spans are snapped to words, sorted and merged per label.
 */
export function validateAnnotationValue(schema: LabelSchema, input: AnnotationInput, ctx: AnnotationContext): ValidationResult {
  const dim = getDimension(schema, input.dimension);
  if (!dim) {
    return fail(`unknown dimension "${input.dimension}" (known: ${schema.dimensions.map((d) => d.id).join(", ")})`);
  }
  const target = input.target === "" ? null : input.target;
  if (dim.kind === "per_target") {
    if (target === null) return fail(`${dim.id}: per_target dimension needs a target (one of ${ctx.targets.join(", ")})`);
    if (!ctx.targets.includes(target)) {
      return fail(`${dim.id}: target "${target}" is not a target of this project (targets: ${ctx.targets.join(", ") || "none"})`);
    }
  } else if (target !== null) {
    return fail(`${dim.id}: dimension of kind ${dim.kind} does not take a target (got "${target}")`);
  }

  const v = input.value;
  if (v === null) return ok(null);
  switch (dim.kind) {
    case "per_target":
    case "single":
      if (typeof v !== "string" || !dim.values.some((x) => x.id === v)) {
        return fail(`${dim.id}: value ${show(v)} is not one of ${ids(dim.values)}`);
      }
      return ok(v);
    case "multi": {
      if (!Array.isArray(v)) return fail(`${dim.id}: expected a list of values from ${ids(dim.values)}, got ${show(v)}`);
      for (const x of v) {
        if (typeof x !== "string" || !dim.values.some((y) => y.id === x)) {
          return fail(`${dim.id}: value ${show(x)} is not one of ${ids(dim.values)}`);
        }
      }
      return ok([...new Set(v as string[])].sort());
    }
    case "span":
      return validateSpans(dim, v, ctx);
    case "text": {
      if (typeof v !== "string") return fail(`${dim.id}: expected text, got ${show(v)}`);
      const t = v.trim();
      if (t.length > dim.maxLength) {
        return fail(`${dim.id}: text is ${t.length} characters long; the maximum is ${dim.maxLength}`);
      }
      return ok(t === "" ? null : t);
    }
    case "target_choice": {
      if (typeof v === "string" && (ctx.targets.includes(v) || dim.values.some((x) => x.id === v))) return ok(v);
      const choices = [...ctx.targets, ...dim.values.map((x) => x.id)].join(", ");
      return fail(`${dim.id}: value ${show(v)} is not one of ${choices} (a target of this project or a fixed value)`);
    }
    case "flag":
      if (typeof v !== "boolean") return fail(`${dim.id}: expected true or false, got ${show(v)}`);
      return ok(v);
  }
}
