/** Turns raw record fields (from CSV, JSON or HTML) into a validated ImportedArticle. */
import { clean, deriveTitle, normaliseLanguage, normaliseText, normaliseUrl, parseIsoDate } from "./text";
import { limitReason, type ImportedArticle, type ImportedLabel, type ImportLimits } from "./types";

/** A problem with one record; the container (line, record index, file) is added by the caller. */
export interface FieldError {
  field?: string;
  reason: string;
}

export type RecordOutcome = { ok: true; article: Omit<ImportedArticle, "source"> } | { ok: false; errors: FieldError[] };

type Meta = string | number | null | undefined;

/** A raw value with the name it had in the file, so errors say `published_at` or `data.published_at`. */
export interface Named<T = Meta> {
  value: T;
  field: string;
}

export interface RawArticle {
  text: Named<string | null | undefined>;
  title?: Named;
  url?: Named;
  outlet?: Named;
  story?: Named;
  author?: Named;
  publishedAt?: Named;
  language?: Named;
  externalId?: Named;
  /** Span offsets are UTF-16 code units into the raw (not yet normalised) text. */
  labels?: ImportedLabel[];
}

function str(v: Meta): string | undefined {
  return v === null || v === undefined ? undefined : clean(String(v));
}

export function assembleArticle(raw: RawArticle, limits: ImportLimits, prior: FieldError[] = []): RecordOutcome {
  const errors = [...prior];
  const rawText = raw.text.value ?? "";
  const norm = normaliseText(rawText);
  if (!norm.text.trim()) errors.push({ field: raw.text.field, reason: `missing field ${raw.text.field}` });
  else if (norm.text.length > limits.maxArticleChars) {
    errors.push({
      field: raw.text.field,
      reason: limitReason("text is", `${norm.text.length} characters`, "maxArticleChars", limits.maxArticleChars),
    });
  }
  const article: Omit<ImportedArticle, "source"> = { title: "", text: norm.text };

  const url = str(raw.url?.value);
  if (url !== undefined && raw.url) {
    const u = normaliseUrl(url);
    if (u) article.url = u;
    else errors.push({ field: raw.url.field, reason: `field ${raw.url.field}: not a valid http(s) URL` });
  }
  const date = str(raw.publishedAt?.value);
  if (date !== undefined && raw.publishedAt) {
    const d = typeof raw.publishedAt.value === "string" ? parseIsoDate(date) : undefined;
    if (d) article.publishedAt = d;
    else errors.push({ field: raw.publishedAt.field, reason: `field ${raw.publishedAt.field}: not a valid date` });
  }
  const lang = str(raw.language?.value);
  if (lang !== undefined && raw.language) {
    const l = normaliseLanguage(lang);
    if (l) article.language = l;
    else errors.push({ field: raw.language.field, reason: `field ${raw.language.field}: not a BCP 47 language tag` });
  }
  const outlet = str(raw.outlet?.value);
  if (outlet) article.outlet = outlet;
  const story = str(raw.story?.value);
  if (story) article.story = story;
  const author = str(raw.author?.value);
  if (author) article.author = author;
  const externalId = str(raw.externalId?.value);
  if (externalId) article.externalId = externalId;

  if (raw.labels?.length) {
    article.labels = raw.labels.map((l) => (l.kind === "span" ? { ...l, start: norm.map(l.start), end: norm.map(l.end) } : l));
    const collapsed = article.labels.findIndex((l) => l.kind === "span" && l.start >= l.end);
    if (collapsed >= 0) {
      errors.push({ field: "label", reason: `label ${collapsed}: span covers only leading or trailing whitespace` });
    }
  }
  article.title = str(raw.title?.value) ?? deriveTitle(norm.text);
  return errors.length ? { ok: false, errors } : { ok: true, article };
}
