/**
 * Finding the cue of a sentence and the noun phrase of its source, on wink-nlp tokens.
 *
 * `X said`, `X, aide to Y, tweeted`, `X has also called for`, `"…," said Turkish Foreign Minister
 * X after …`, `according to X`, `he added`, `officials say`, `… reportedly …`.
 */
import { CUE_PHRASES, WEAK_CUES, cueVerb } from "../quotes";
import { TITLE_WORDS, VAGUE_SOURCES } from "./lexicon";
import type { Token } from "./nlp";

export interface Cue {
  /** Offsets into the tagged string. */
  start: number;
  end: number;
  text: string;
  /** Base verb ("say") or the phrase ("according to"). */
  base: string;
  /** Where its source is: before it, after it (inversion, "according to"), or none ("reportedly"). */
  source: "before" | "after" | "none";
  weak: boolean;
}

export interface SourcePhrase {
  start: number;
  end: number;
  tokens: Token[];
  /** Words in apposition between the source and the cue: "aide to President Aliyev". */
  appositive: Token[];
}

const BE = new Set(["is", "are", "was", "were", "be", "been", "being", "'s", "’s"]);
const SKIP_BEFORE_CUE = new Set([
  "also",
  "has",
  "have",
  "had",
  "will",
  "would",
  "could",
  "may",
  "might",
  "later",
  "earlier",
  "then",
  "previously",
  "repeatedly",
  "again",
  "once",
  "reportedly",
  "allegedly",
  "publicly",
  "separately",
  "further",
  "already",
  "recently",
  "not",
  "n't",
  "never",
  "had",
  "did",
  "does",
  "do",
]);
const WEEKDAY = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;
const POSSESSIVE_PRONOUNS = new Set(["its", "their", "his", "her", "our"]);
const PLACE_PREPOSITIONS = new Set(["in", "from", "outside", "near", "at", "inside"]);
const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "both",
  "all",
  "some",
  "several",
  "many",
  "two",
  "three",
  "four",
  "five",
  "one",
  "other",
  "senior",
  "top",
  "multiple",
]);
const PRONOUNS = new Set(["he", "she", "they", "it", "we", "i"]);

const QUOTE_MARK = /^["“”„«»‘’'‹›]$/u;
const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? "";
const isPossessive = (t: Token) => t.text === "'s" || t.text === "’s" || t.text === "'" || t.text === "’";

/** A common noun ("officials", "man"; also capitalised at the start of a sentence). */
function isCommonNoun(t: Token, sentenceStart: boolean): boolean {
  return (t.pos === "NOUN" || (sentenceStart && t.pos === "PROPN")) && (sentenceStart || /^\p{Ll}/u.test(t.text));
}

/** Tokens that can sit inside a source's noun phrase. */
function inPhrase(t: Token): boolean {
  if (isPossessive(t)) return true;
  switch (t.pos) {
    case "PROPN":
    case "NOUN":
    case "ADJ":
    case "NUM":
    case "DET":
      return true;
    case "VERB":
    case "AUX":
      // "Defence", "Secretary": wink sometimes tags a capitalised title word as a verb
      return /^\p{Lu}/u.test(t.text) && TITLE_WORDS.has(t.text.toLowerCase());
    default:
      return /^\p{Lu}/u.test(t.text) && t.pos !== "PUNCT" && t.pos !== "PRON";
  }
}

const ANY_CUE_PHRASE = new RegExp(CUE_PHRASES.map((p) => p.phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

/** Cues among `tokens` (which have quoted words masked) and the phrase cues of `text`. */
export function findCues(text: string, tokens: readonly Token[]): Cue[] {
  const out: Cue[] = [];
  tokens.forEach((t, i) => {
    const base = cueVerb(t.text);
    if (!base || (t.pos !== "VERB" && !(t.pos === "NOUN" && /ed$/.test(t.text)))) return;
    // Passive "is expected to", "was agreed": not someone's words (the phrase list has "is said to").
    let k = i - 1;
    while (k >= 0 && tokens[k]!.pos === "ADV") k--;
    if (BE.has(lower(tokens[k])) && /(?:ed|en|said|told|thought)$/.test(t.text)) return;
    // "told" after a source is a cue; a participle used as an adjective ("the so-called", "a denied request") is not
    if (tokens[i - 1]?.pos === "DET") return;
    // Inversion (`"…," said the minister`) only right after a quotation or at the start.
    const prev = tokens[i - 1];
    const after =
      i === 0 || (prev !== undefined && (QUOTE_MARK.test(prev.text) || (prev.text === "," && QUOTE_MARK.test(tokens[i - 2]?.text ?? ""))));
    out.push({ start: t.start, end: t.end, text: t.text, base, source: after ? "after" : "before", weak: WEAK_CUES.has(base) });
  });
  const lc = text.toLowerCase();
  // Most sentences hold none of the phrases: one pass of a regex says so before 30 searches.
  if (!ANY_CUE_PHRASE.test(lc)) return out.sort((a, b) => a.start - b.start);
  for (const { phrase, source } of CUE_PHRASES) {
    let at = lc.indexOf(phrase);
    while (at >= 0) {
      const end = at + phrase.length;
      if (!/\p{L}/u.test(lc[at - 1] ?? " ") && !/\p{L}/u.test(lc[end] ?? " ")) {
        out.push({ start: at, end, text: text.slice(at, end), base: phrase, source, weak: source === "before" });
      }
      at = lc.indexOf(phrase, end);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function tokenIndex(tokens: readonly Token[], offset: number): number {
  return tokens.findIndex((t) => t.start >= offset);
}

/** The source phrase before a cue: `X said`, `X, aide to Y, said`, `he added`. */
export function sourceBefore(tokens: readonly Token[], cue: Cue): SourcePhrase | null {
  let j = tokenIndex(tokens, cue.start) - 1;
  if (j < -1) j = tokens.length - 1;
  while (j >= 0) {
    const t = tokens[j]!;
    const l = lower(t);
    if (SKIP_BEFORE_CUE.has(l) || (t.pos === "ADV" && l !== "there")) j--;
    else if (WEEKDAY.test(l) && lower(tokens[j - 1]) === "on") j -= 2;
    else if ((l === "night" || l === "morning") && WEEKDAY.test(lower(tokens[j - 1]))) j -= 3;
    else break;
  }
  if (j < 0) return null;
  // "Delegates … staged a walkout, saying …": the participle's source is the sentence's subject.
  if (tokens[j]!.text === "," && /ing$/u.test(cue.text)) return subjectAtStart(tokens);
  let appositive: Token[] = [];
  if (tokens[j]!.text === ",") {
    // "Hikmet Hajiyev, aide to President Aliyev, tweeted", "Many world powers, including Russia,
    // France and the US, have urged": skip the apposition (up to the leftmost comma of the phrase).
    // Relative clauses count too: "Sudan, which lies downstream, has voiced concern".
    let first = -1;
    for (let k = j - 1; k >= 0 && k > j - 30; k--) {
      const t = tokens[k]!;
      if (t.text === ",") first = k;
      else if (t.pos === "PUNCT" && t.text !== "-" && t.text !== "(" && t.text !== ")") break;
    }
    if (first < 1) return null;
    appositive = tokens.slice(first + 1, j);
    j = first - 1;
  }
  const end = j;
  if (PRONOUNS.has(lower(tokens[end])) && tokens[end]!.pos === "PRON") return phrase(tokens, end, end, appositive);
  let start = end;
  while (start - 1 >= 0 && end - start < 10) {
    const p = tokens[start - 1]!;
    const l = lower(p);
    if (inPhrase(p)) start--;
    else if ((l === "of" || l === "for" || l === "to" || l === "at") && start - 2 >= 0 && inPhrase(tokens[start - 2]!)) start--;
    // "officials in Khartoum", "one man in Cesena": a common noun placed somewhere
    else if (PLACE_PREPOSITIONS.has(l) && start >= 2 && isCommonNoun(tokens[start - 2]!, start - 2 === 0)) start--;
    else if ((l === "in" || l === "from") && start - 2 >= 0 && VAGUE_SOURCES.has(lower(tokens[start - 2]))) start--;
    else if (l === "and" && capitalisedPhraseAt(tokens, start) && /^\p{Lu}/u.test(tokens[start - 2]?.text ?? "")) start--;
    // people familiar with the matter
    else if (l === "with" && lower(tokens[start - 2]) === "familiar") start--;
    // the national search and rescue agency
    else if (l === "and" && tokens[start]!.pos === "NOUN" && tokens[start - 2]?.pos === "NOUN") start--;
    // "its trustees", "her spokesman"
    else if (POSSESSIVE_PRONOUNS.has(l)) {
      start--;
      break;
    } else break;
  }
  if (!inPhrase(tokens[end]!)) return null;
  // The sentence's own subject only: a phrase that starts after a subordinating word is fine,
  // one that is the object of a preposition ("in the capital Ankara said") is not.
  while (start <= end && (lower(tokens[start]) === "of" || lower(tokens[start]) === "for")) start++;
  return start <= end ? phrase(tokens, start, end, appositive) : null;
}

/** The source phrase after a cue: `"…," said the minister`, `according to X`. */
export function sourceAfter(tokens: readonly Token[], cue: Cue): SourcePhrase | null {
  const first = tokenIndex(tokens, cue.end);
  if (first < 0) return null;
  let end = first - 1;
  for (let i = first; i < tokens.length && i - first < 12; i++) {
    const t = tokens[i]!;
    const l = lower(t);
    if (inPhrase(t)) end = i;
    else if ((l === "of" || l === "for" || l === "to" || l === "by") && i + 1 < tokens.length && inPhrase(tokens[i + 1]!)) continue;
    else if (l === "and" && /^\p{Lu}/u.test(tokens[i - 1]?.text ?? "") && capitalisedPhraseAt(tokens, i + 1)) continue;
    else if (l === "and" && tokens[i - 1]?.pos === "NOUN" && tokens[i + 1]?.pos === "NOUN") continue;
    else break;
  }
  if (end < first) return null;
  // A trailing weekday is a time, not part of the source: "said Akar Monday".
  while (end > first && WEEKDAY.test(lower(tokens[end]))) end--;
  // "said Tuvalu's foreign minister, Simon Kofe." / "said Marta Kowalska, a researcher at …":
  // the apposition after a comma, up to the next punctuation.
  const appositive: Token[] = [];
  if (tokens[end + 1]?.text === ",") {
    for (let k = end + 2; k < tokens.length && k < end + 14 && tokens[k]!.pos !== "PUNCT"; k++) appositive.push(tokens[k]!);
  }
  return phrase(tokens, first, end, appositive);
}

/** The noun phrase a sentence starts with: "Delegates from small island nations". */
function subjectAtStart(tokens: readonly Token[]): SourcePhrase | null {
  let end = -1;
  for (let i = 0; i < tokens.length && i < 12; i++) {
    const t = tokens[i]!;
    if (inPhrase(t)) end = i;
    else if (["of", "from", "in", "for", "at"].includes(lower(t)) && inPhrase(tokens[i + 1] ?? t) && i + 1 < tokens.length) continue;
    else break;
  }
  return end >= 0 ? phrase(tokens, 0, end, []) : null;
}

/** A capitalised word, or "the" and a capitalised word: "the European Union". */
function capitalisedPhraseAt(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (!t) return false;
  return /^\p{Lu}/u.test(t.text) || (lower(t) === "the" && /^\p{Lu}/u.test(tokens[i + 1]?.text ?? ""));
}

function phrase(tokens: readonly Token[], start: number, end: number, appositive: Token[]): SourcePhrase {
  let s = start;
  while (s < end && (lower(tokens[s]) === "both" || lower(tokens[s]) === "all")) s++;
  const ts = tokens.slice(s, end + 1);
  return { start: ts[0]!.start, end: ts[ts.length - 1]!.end, tokens: ts, appositive };
}

/** Whether a phrase can be the source of a weak cue ("calls", "believes"): a name, a title, a pronoun. */
export function isPlausibleSource(p: SourcePhrase): boolean {
  const head = p.tokens[p.tokens.length - 1]!;
  const l = lower(head);
  return (
    head.pos === "PROPN" ||
    /^\p{Lu}/u.test(head.text) ||
    PRONOUNS.has(l) ||
    TITLE_WORDS.has(l) ||
    VAGUE_SOURCES.has(l) ||
    p.appositive.some((t) => t.pos === "PROPN") ||
    (DETERMINERS.has(l) === false && p.tokens.some((t) => TITLE_WORDS.has(lower(t))))
  );
}

export const isPronoun = (p: SourcePhrase) => p.tokens.length === 1 && PRONOUNS.has(lower(p.tokens[0]));
