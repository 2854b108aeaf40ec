/**
 * Offline attribution extraction: for each segment of a document, suggested values for sourcing,
 * quote spans, cue, speaker (resolved within the document), source type and source side.
 *
 * `suggestForDocument(text, segments, { targets })` is pure and framework-free. Every suggestion
 * names the rule that produced it and a confidence in [0, 1]. Offsets in the result are UTF-16
 * code units relative to the segment's start (the unit the app stores; exports convert to code
 * points). Quote spans exclude the quotation marks (and a trailing comma before the closing mark,
 * which is the writer's punctuation).
 *
 * Reading order: quote structure (lib/quotes, shared with the segmenter) → cues and source phrases
 * on wink-nlp tokens (source.ts) → people the document names (people.ts) → resolution of surnames,
 * pronouns and descriptions against earlier speakers → source type and side (lexicon.ts).
 */
import { CUE_FORMS, CUE_PHRASES, findQuotes, type QuoteSpan } from "../quotes";
import { splitParagraphs } from "../segment";
import type { SegmentKind } from "../segment/kinds";
import { ANONYMOUS_MARKERS, COUNTRY_NAMES, COUNTRY_OF, TITLE_TYPES, VAGUE_SOURCES, type SourceType } from "./lexicon";
import { tag, type Token } from "./nlp";
import { People, isNameWord, type Person } from "./people";
import { findCues, isPlausibleSource, isPronoun, sourceAfter, sourceBefore, type Cue, type SourcePhrase } from "./source";

export type { SourceType } from "./lexicon";

export const SOURCING_VALUES = ["direct_quote", "paraphrased_attribution", "unattributed_claim", "no_claim"] as const;
export type Sourcing = (typeof SOURCING_VALUES)[number];

export interface Suggested<T> {
  value: T;
  /** The rule that produced the value, e.g. "quote", "cue_before:say", "pronoun". */
  rule: string;
  confidence: number;
}

export interface SpanSuggestion extends Suggested<string> {
  /** [start, end) in UTF-16 code units relative to the segment start. */
  start: number;
  end: number;
}

export interface SegmentSuggestions {
  /** Index of the segment in the input. */
  index: number;
  sourcing: Suggested<Sourcing>;
  /** Quoted content in this segment, marks excluded: [start, end) relative to the segment. */
  quotes: [number, number][];
  /** The attribution verb or phrase, as written. */
  cue: SpanSuggestion | null;
  /** The source as the text names it here ("he", "Stoltenberg", "officials"); start/end are -1 when it is not in this segment (continuation). */
  speaker: SpanSuggestion | null;
  /** The source resolved within the document: "Jens Stoltenberg" for "he" or "Stoltenberg"; null when it cannot be resolved. */
  speakerCanonical: string | null;
  /** A source_type value id of the news template. */
  sourceType: Suggested<SourceType> | null;
  /** One of `targets`, or "independent_unclear". */
  sourceSide: Suggested<string> | null;
}

export interface SegmentInput {
  start: number;
  end: number;
  /** From lib/segment; "sentence" when absent. */
  kind?: SegmentKind;
}

export interface SuggestOptions {
  /** The project's targets (e.g. ["Turkey", "Azerbaijan", "Armenia"]), for source side. */
  targets?: readonly string[];
}

interface Speaker {
  surface: string;
  start: number;
  end: number;
  canonical: string | null;
  rule: string;
  confidence: number;
  person: Person | null;
  /** "person", a group or organisation, or a country. */
  sort: "person" | "group" | "country";
  phraseWords: string[];
  appositiveWords: string[];
}

/** Where a speaker is named in its segment, and the words there. */
type Place = Pick<Speaker, "start" | "end" | "phraseWords" | "appositiveWords">;
/** Who the speaker is, and by which rule. */
type Who = Omit<Speaker, keyof Place>;

/**
 * Every Speaker is built here, its fields always in one order. Object spreads ({ ...s, ...base })
 * made them before: V8 copies a spread slowly and gave each resolution path its own object shape,
 * which cost ~10% of suggestForDocument on the bench articles.
 */
function makeSpeaker(at: Place, who: Who): Speaker {
  return {
    surface: who.surface,
    start: at.start,
    end: at.end,
    canonical: who.canonical,
    rule: who.rule,
    confidence: who.confidence,
    person: who.person,
    sort: who.sort,
    phraseWords: at.phraseWords,
    appositiveWords: at.appositiveWords,
  };
}

/** An earlier speaker, under another rule (and as the text names it here, if it does). */
const whoOf = (s: Speaker, rule: string, confidence: number, surface = s.surface): Who => ({
  surface,
  canonical: s.canonical,
  rule,
  confidence,
  person: s.person,
  sort: s.sort,
});
/** Not named in this segment: a continuation. */
const elsewhere = (s: Speaker): Place => ({ start: -1, end: -1, phraseWords: s.phraseWords, appositiveWords: s.appositiveWords });
const placed = (p: Place, start: number, end: number): Place => ({
  start,
  end,
  phraseWords: p.phraseWords,
  appositiveWords: p.appositiveWords,
});

const STRONG_QUOTE_WORDS = 2;

/** Suggestions for every segment of `text`, in input order. */
export function suggestForDocument(text: string, segments: readonly SegmentInput[], opts: SuggestOptions = {}): SegmentSuggestions[] {
  const people = new People(text);
  const quotes = splitParagraphs(text).flatMap((p) => findQuotes(text, p.start, p.end));
  const out: SegmentSuggestions[] = [];
  const speakers: { speaker: Speaker; segment: number; at: number }[] = [];
  let previous: { speaker: Speaker | null; sourcing: Sourcing; quoteOpen: boolean } | null = null;
  const openAtParagraphEnd: boolean[] = [];
  const speakerOf: (Speaker | null)[] = [];

  segments.forEach((seg, index) => {
    const segText = text.slice(seg.start, seg.end);
    const kind = seg.kind ?? "sentence";
    const inSeg = quotes.filter((q) => q.open < seg.end && (q.close < 0 ? q.end : q.close) >= seg.start);
    const spans = inSeg.map((q) => clip(text, q, seg)).filter((s): s is [number, number] => s !== null);
    const continues = inSeg.some((q) => q.open < seg.start);
    const result: SegmentSuggestions = {
      index,
      sourcing: { value: "unattributed_claim", rule: "default_claim", confidence: 0.6 },
      quotes: [],
      cue: null,
      speaker: null,
      speakerCanonical: null,
      sourceType: null,
      sourceSide: null,
    };
    out.push(result);

    if (kind === "boilerplate" || kind === "caption" || kind === "dateline") {
      result.sourcing = { value: "no_claim", rule: `kind:${kind}`, confidence: 0.95 };
      previous = null;
      return;
    }

    // Tokens with quoted words masked, so that cues and sources are read in the writer's words only.
    let masked = segText;
    for (const [a, b] of spans) masked = masked.slice(0, a) + " ".repeat(b - a) + masked.slice(b);
    const needsTags = kind !== "sentence" || hasCueWord(masked);
    const tokens = needsTags ? tag(masked) : [];
    const cues = needsTags ? findCues(masked, tokens) : [];
    const found = pickSource(tokens, cues, spans);
    const quoteWords = spans.reduce((n, [a, b]) => n + segText.slice(a, b).split(/\s+/u).length, 0);
    const isQuote = spans.length > 0 && (quoteWords >= STRONG_QUOTE_WORDS || found !== null || continues);

    if (isQuote) {
      result.quotes = spans;
      result.sourcing = { value: "direct_quote", rule: continues && !found ? "quote_continuation" : "quote", confidence: 0.95 };
    } else if (found) {
      result.sourcing = { value: "paraphrased_attribution", rule: `cue:${found.cue.base}`, confidence: found.cue.weak ? 0.7 : 0.85 };
    } else if (kind === "headline" || kind === "heading") {
      // A headline states an event unless it is a bare label; a heading inside the body is
      // usually a topic label ("Decades-long conflict", "What comes next") unless it has a verb.
      const verb = tokens.some((t) => t.pos === "VERB" || (t.pos === "AUX" && !/^['’]s$/u.test(t.text)));
      const words = segText.split(/\s+/u).length;
      const label = /^(?:what|why|how|who|where|when)\b/iu.test(segText) || (kind === "headline" ? words <= 3 && !verb : !verb);
      result.sourcing = label
        ? { value: "no_claim", rule: `${kind}_label`, confidence: 0.7 }
        : { value: "unattributed_claim", rule: `${kind}_claim`, confidence: 0.65 };
    } else if (/\?["”’']?$/u.test(segText)) {
      result.sourcing = { value: "no_claim", rule: "question", confidence: 0.5 };
    }

    if (found) {
      result.cue = {
        value: found.cue.text,
        start: found.cue.start,
        end: found.cue.end,
        rule: `cue:${found.cue.base}`,
        confidence: found.cue.weak ? 0.6 : 0.9,
      };
    }

    let speaker: Speaker | null = null;
    if (found?.source) speaker = resolve(found.source, found.cue, segText, seg.start, people, speakers);
    else if (isQuote && continues && previous?.speaker && previous.quoteOpen) {
      speaker = makeSpeaker(elsewhere(previous.speaker), whoOf(previous.speaker, "quote_continuation", 0.85));
    } else if (isQuote && !found && previous?.speaker && previous.sourcing !== "no_claim") {
      // A quotation without attribution right after someone's quote or paraphrase is theirs.
      const rule = previous.sourcing === "direct_quote" ? "quote_after_quote" : "quote_after_attribution";
      speaker = makeSpeaker(elsewhere(previous.speaker), whoOf(previous.speaker, rule, 0.5));
    }
    if (speaker && (result.sourcing.value === "direct_quote" || result.sourcing.value === "paraphrased_attribution")) {
      result.speaker = {
        value: speaker.surface,
        start: speaker.start,
        end: speaker.end,
        rule: speaker.rule,
        confidence: speaker.confidence,
      };
      result.speakerCanonical = speaker.canonical;
      result.sourceType = sourceType(speaker, found?.cue ?? null, segText);
      result.sourceSide = sourceSide(speaker, result.sourceType, people, opts.targets ?? []);
      if (speaker.start >= 0) speakers.push({ speaker, segment: index, at: seg.start + speaker.start });
    } else if (found && found.cue.source === "none") {
      result.sourceType = { value: "anonymous_unnamed", rule: `cue:${found.cue.base}`, confidence: 0.6 };
    }

    const lastQuote = inSeg[inSeg.length - 1];
    const quoteOpen = lastQuote !== undefined && (lastQuote.close < 0 || lastQuote.close >= seg.end);
    openAtParagraphEnd[index] = lastQuote !== undefined && lastQuote.close < 0 && lastQuote.end <= seg.end;
    previous = { speaker: result.speaker ? speaker : null, sourcing: result.sourcing.value, quoteOpen };
    if (result.speaker) speakerOf[index] = speaker;
  });

  // A quotation running over paragraphs leaves its closing mark off at each paragraph's end and
  // is attributed in its last one: the earlier paragraphs get that speaker.
  for (let i = out.length - 2; i >= 0; i--) {
    const here = out[i]!;
    const next = speakerOf[i + 1];
    const nextText = text.slice(segments[i + 1]!.start, segments[i + 1]!.end);
    if (here.sourcing.value !== "direct_quote" || here.speaker || !openAtParagraphEnd[i] || !next || !/^["“„«‘']/u.test(nextText)) continue;
    here.speaker = { value: next.surface, start: -1, end: -1, rule: "quote_continued_later", confidence: 0.6 };
    here.speakerCanonical = next.canonical;
    here.sourceType = out[i + 1]!.sourceType;
    here.sourceSide = out[i + 1]!.sourceSide;
    speakerOf[i] = next;
  }
  return out;
}

const HINT_WORDS: ReadonlySet<string> = new Set([...CUE_FORMS.keys(), ...CUE_PHRASES.map((p) => p.phrase.split(" ")[0]!)]);
const HINT_MAX = Math.max(...[...HINT_WORDS].map((w) => w.length));

/** Cheap test for a cue before tagging: most sentences have none and need no tokens. */
function hasCueWord(s: string): boolean {
  const lc = s.toLowerCase();
  // The runs of a-z in `lc` (what /[a-z]+/g finds), scanned by character code: this runs on
  // every sentence of every document.
  let start = -1;
  for (let i = 0; i <= lc.length; i++) {
    const c = i < lc.length ? lc.charCodeAt(i) : 0;
    if (c >= 97 && c <= 122) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start <= HINT_MAX && HINT_WORDS.has(lc.slice(start, i))) return true;
      start = -1;
    }
  }
  return false;
}

/** A quotation's part inside a segment, relative to it: marks, whitespace and a trailing comma excluded. */
function clip(text: string, q: QuoteSpan, seg: SegmentInput): [number, number] | null {
  let a = Math.max(q.start, seg.start);
  let b = Math.min(q.end, seg.end);
  while (a < b && /[\s"“”„«»‘’']/u.test(text[a]!)) a++;
  while (b > a && /[\s,"“”«»‘’']/u.test(text[b - 1]!)) b--;
  return b > a ? [a - seg.start, b - seg.start] : null;
}

interface Found {
  cue: Cue;
  source: SourcePhrase | null;
}

/** The cue of the sentence and its source phrase; the cue nearest a quotation wins. */
function pickSource(tokens: readonly Token[], cues: readonly Cue[], spans: readonly [number, number][]): Found | null {
  const candidates: (Found & { score: number })[] = [];
  for (const cue of cues) {
    let source: SourcePhrase | null = null;
    if (cue.source === "after") source = sourceAfter(tokens, cue) ?? sourceBefore(tokens, cue);
    else if (cue.source === "before") source = sourceBefore(tokens, cue);
    if (source && spans.some(([a, b]) => source!.start < b && source!.end > a)) source = null;
    if (cue.source !== "none" && !source) continue;
    if (cue.weak && source && !isPlausibleSource(source)) continue;
    const near = spans.length ? Math.min(...spans.map(([a, b]) => Math.min(Math.abs(cue.start - b), Math.abs(a - cue.end)))) : 0;
    // A cue right next to a quotation is the quotation's ("Brennan called the charge "a lie," and
    // said an audit had confirmed …": called, not confirmed).
    const adjacent = spans.length > 0 && near <= 24;
    const score = (adjacent ? 200 : 0) + (cue.weak ? 0 : 100) + (cue.source === "none" ? -50 : 0) - near / 10;
    candidates.push({ cue, source, score });
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0] ?? null;
}

const lowerWords = (ts: readonly Token[]) => ts.map((t) => t.text.toLowerCase().replace(/['’]s$/u, ""));

/** Who the source phrase refers to, resolved within the document. */
function resolve(
  p: SourcePhrase,
  cue: Cue,
  segText: string,
  segStart: number,
  people: People,
  earlier: readonly { speaker: Speaker; at: number }[],
): Speaker {
  const surface = segText.slice(p.start, p.end);
  const base = { start: p.start, end: p.end, phraseWords: lowerWords(p.tokens), appositiveWords: lowerWords(p.appositive) };
  const words = p.tokens.map((t) => t.text);
  const direction = cue.source === "after" ? "after" : "before";

  if (isPronoun(p)) {
    const pron = words[0]!.toLowerCase();
    const wantPerson = pron === "he" || pron === "she" || pron === "i";
    for (let k = earlier.length - 1; k >= 0; k--) {
      const s = earlier[k]!.speaker;
      if (wantPerson ? s.sort === "person" : s.sort !== "person") {
        return makeSpeaker(base, whoOf(s, "pronoun", 0.8, surface));
      }
    }
    const mentioned = wantPerson ? people.lastMentionBefore(segStart + p.start) : undefined;
    if (mentioned)
      return makeSpeaker(base, {
        surface,
        canonical: mentioned.name,
        rule: "pronoun_mention",
        confidence: 0.6,
        person: mentioned,
        sort: "person",
      });
    return makeSpeaker(base, {
      surface,
      canonical: null,
      rule: "pronoun_unresolved",
      confidence: 0.3,
      person: null,
      sort: wantPerson ? "person" : "group",
    });
  }

  // The name: the last run of name words in the phrase ("Turkish Foreign Minister [Mevlut Cavusoglu]").
  let endName = p.tokens.length - 1;
  while (endName >= 0 && !(/^\p{Lu}/u.test(words[endName]!) && isNameWord(words[endName]!))) endName--;
  let startName = endName;
  while (startName - 1 >= 0 && /^\p{Lu}/u.test(words[startName - 1]!) && isNameWord(words[startName - 1]!)) startName--;
  if (endName >= 0 && endName === p.tokens.length - 1) {
    const nameTokens = p.tokens.slice(startName, endName + 1);
    const name = segText.slice(nameTokens[0]!.start, nameTokens[nameTokens.length - 1]!.end);
    const person = people.byName(name);
    if (person || nameTokens.length >= 2) {
      return makeSpeaker(placed(base, nameTokens[0]!.start, nameTokens[nameTokens.length - 1]!.end), {
        surface: name,
        canonical: person?.name ?? name,
        rule: `name_${direction}`,
        confidence: person ? 0.9 : 0.8,
        person: person ?? null,
        sort: "person",
      });
    }
  }

  // "Her challenger, city councillor David Okafor, accused": the name is in the apposition.
  const appositive = p.appositive;
  const last = appositive[appositive.length - 1];
  if (last && /^\p{Lu}/u.test(last.text) && isNameWord(last.text)) {
    let k = appositive.length - 1;
    while (k - 1 >= 0 && /^\p{Lu}/u.test(appositive[k - 1]!.text) && isNameWord(appositive[k - 1]!.text)) k--;
    const name = segText.slice(appositive[k]!.start, last.end);
    const person = people.byName(name);
    if (person || appositive.length - k >= 2) {
      return makeSpeaker(placed(base, appositive[k]!.start, last.end), {
        surface: name,
        canonical: person?.name ?? name,
        rule: "name_in_apposition",
        confidence: 0.75,
        person: person ?? null,
        sort: "person",
      });
    }
  }

  // A description: "the minister", "the aide" → the person the document introduced with that title.
  const head = words[words.length - 1]!.toLowerCase();
  if (/^the$/i.test(words[0] ?? "") && words.length <= 4 && !VAGUE_SOURCES.has(head)) {
    for (let k = earlier.length - 1; k >= 0; k--) {
      const s = earlier[k]!.speaker;
      if (s.person?.titles.has(head)) return makeSpeaker(base, whoOf(s, "description_speaker", 0.75, surface));
    }
    const person = people.byTitle(head, segStart + p.start);
    if (person) return makeSpeaker(base, { surface, canonical: person.name, rule: "description", confidence: 0.7, person, sort: "person" });
  }

  // A named organisation or country is its own canonical name; a description ("the company",
  // "a senior official") has none in this sentence.
  const content = p.tokens.filter((t) => !/^(?:the|a|an|of|for|and|['’]s)$/iu.test(t.text));
  const named = content.length > 0 && content.every((t) => /^[\p{Lu}\p{N}]/u.test(t.text));
  const country = words.length === 1 && COUNTRY_NAMES.has(head);
  return makeSpeaker(base, {
    surface,
    canonical: VAGUE_SOURCES.has(head) || !named ? null : surface.replace(/^(?:the|a|an)\s+/iu, ""),
    rule: VAGUE_SOURCES.has(head) ? `vague_${direction}` : `phrase_${direction}`,
    confidence: 0.7,
    person: null,
    sort: country ? "country" : "group",
  });
}

/** Source type from the titles and descriptions the text gives the speaker. */
function sourceType(s: Speaker, cue: Cue | null, segText: string): Suggested<SourceType> | null {
  if (s.sort !== "person" && s.phraseWords.some((w) => VAGUE_SOURCES.has(w))) {
    return { value: "anonymous_unnamed", rule: "vague_source", confidence: 0.75 };
  }
  if (s.sort !== "person" && ANONYMOUS_MARKERS.test(segText))
    return { value: "anonymous_unnamed", rule: "anonymous_marker", confidence: 0.7 };
  // Longest title first: "defence ministry" before "ministry", "secretary general" before "general".
  const words = [...s.phraseWords, ...s.appositiveWords, ...(s.person ? [...s.person.titles] : [])];
  for (let n = 3; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const key = n === 1 ? words[i]! : words.slice(i, i + n).join(" ");
      const type = TITLE_TYPES.get(key);
      if (type) return { value: type, rule: `title:${key}`, confidence: 0.75 };
    }
  }
  if (s.sort === "country") return { value: "government_official", rule: "country_as_source", confidence: 0.7 };
  if (cue && /^(?:tweet|post)$/.test(cue.base)) return { value: "social_media_post", rule: `cue:${cue.base}`, confidence: 0.6 };
  return null;
}

/** The target a title or description ties the speaker to. */
function sourceSide(s: Speaker, type: Suggested<SourceType> | null, people: People, targets: readonly string[]): Suggested<string> | null {
  if (targets.length === 0) return null;
  // The phrase's own words first ("Turkey, a longtime ally of Azerbaijan": Turkey), then its apposition.
  const countries = new Set<string>();
  for (const words of [s.phraseWords, s.appositiveWords]) {
    if (countries.size > 0) break;
    for (const w of words) {
      const c = COUNTRY_OF.get(w);
      if (c) countries.add(c);
    }
  }
  if (s.person) for (const c of people.countriesOf(s.person)) countries.add(c);
  const byTarget = targets.filter((t) => {
    const c = COUNTRY_OF.get(t.toLowerCase()) ?? t;
    return countries.has(c) || [...s.phraseWords, ...s.appositiveWords].includes(t.toLowerCase());
  });
  if (byTarget.length === 1)
    return { value: byTarget[0]!, rule: s.sort === "country" ? "country_as_source" : "title_country", confidence: 0.8 };
  if (
    byTarget.length === 0 &&
    countries.size === 0 &&
    type &&
    ["international_org_ngo", "expert_academic", "news_media_agency"].includes(type.value)
  ) {
    return { value: "independent_unclear", rule: `type:${type.value}`, confidence: 0.5 };
  }
  return null;
}
