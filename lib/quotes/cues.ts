/**
 * Attribution cues: the verbs and phrases that tie a claim to its source ("said", "told",
 * "according to", "in a statement"). A reviewed list: each verb is a speech or communication act
 * that news copy uses to report someone's words or position; verbs that usually report an action
 * rather than words (met, visited, attacked) are left out on purpose.
 *
 * Inflections are listed with each verb (irregular forms written out, regular ones generated), so
 * "say / says / said / saying" and "deny / denies / denied / denying" are all cues.
 */

/** verb → irregular forms; regular -s/-ed/-ing forms are generated. */
const CUE_VERBS: Readonly<Record<string, readonly string[]>> = {
  say: ["says", "said", "saying"],
  tell: ["tells", "told", "telling"],
  write: ["writes", "wrote", "written", "writing"],
  speak: ["spoke", "spoken"],
  tweet: [],
  post: [],
  add: [],
  accuse: [],
  deny: ["denies", "denied"],
  claim: [],
  warn: [],
  insist: [],
  stress: ["stresses"],
  note: [],
  explain: [],
  argue: [],
  announce: [],
  state: [],
  confirm: [],
  report: [],
  reveal: [],
  allege: [],
  assert: [],
  acknowledge: [],
  admit: ["admitted", "admitting"],
  affirm: [],
  agree: ["agreed", "agreeing"],
  answer: [],
  ask: [],
  blame: [],
  caution: [],
  comment: [],
  complain: [],
  concede: [],
  conclude: [],
  contend: [],
  declare: [],
  demand: [],
  condemn: [],
  criticise: [],
  criticize: [],
  emphasise: [],
  emphasize: [],
  estimate: [],
  indicate: [],
  maintain: [],
  mention: [],
  predict: [],
  pledge: [],
  promise: [],
  propose: [],
  protest: [],
  recall: [],
  remark: [],
  reply: ["replies", "replied"],
  respond: [],
  reiterate: [],
  shout: [],
  suggest: [],
  testify: ["testifies", "testified"],
  threaten: [],
  underline: [],
  underscore: [],
  urge: [],
  vow: [],
  call: [], // "called for a ceasefire", "called the attack ..."
  describe: [],
  dismiss: ["dismisses", "dismissed"],
  reject: [],
  welcome: [],
  slam: ["slammed", "slamming"],
  praise: [],
  quote: [],
  cite: [],
  believe: [],
  think: ["thinks", "thought"],
  fear: [],
  hope: [],
  expect: [],
  tout: [],
  decry: ["decries", "decried"],
  lament: [],
  observe: [],
  point: [], // "pointed out"
  voice: [], // "voiced concern"
  defend: [], // "defended her record"
  link: [], // "scientists have linked"
  chant: [],
  doubt: [],
  question: [],
};

function regularForms(base: string): string[] {
  const s = /(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ies` : `${base}s`;
  const stem = base.endsWith("e") ? base.slice(0, -1) : base;
  const ed = /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ied` : `${stem}ed`;
  return [base, s, ed, `${stem}ing`];
}

/** Every inflected form of a cue verb → its base form. */
export const CUE_FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries(CUE_VERBS).flatMap(([base, irregular]) => {
    const forms = new Set([...regularForms(base), ...irregular]);
    // Irregular pasts replace the generated ones ("sayed", "telled").
    if (irregular.some((f) => !f.endsWith("s") && !f.endsWith("ing"))) {
      forms.delete(regularForms(base)[2]!);
      for (const f of irregular) forms.add(f);
    }
    return [...forms].map((f) => [f, base] as const);
  }),
);

/**
 * Cues whose report of speech is weak: reported only when a source is found next to them
 * ("Aliyev believes …" yes; "the talks are expected to …" no).
 */
export const WEAK_CUES: ReadonlySet<string> = new Set([
  "doubt",
  "question",
  "voice",
  "defend",
  "link",
  "believe",
  "think",
  "fear",
  "hope",
  "expect",
  "call",
  "describe",
  "welcome",
  "praise",
  "quote",
  "cite",
  "report",
  "post",
  "state",
  "note",
  "point",
  "observe",
  "indicate",
  "suggest",
  "maintain",
  "answer",
  "ask",
  "agree",
  "comment",
  "protest",
  "reject",
  "dismiss",
  "promise",
  "pledge",
  "propose",
  "estimate",
  "predict",
]);

/** Multi-word cues, matched case-insensitively. `source` says where the source is: after the phrase, or none. */
export const CUE_PHRASES: readonly { phrase: string; source: "after" | "none" | "before" }[] = [
  { phrase: "according to", source: "after" },
  { phrase: "as quoted by", source: "after" },
  { phrase: "quoted by", source: "after" },
  { phrase: "citing", source: "after" },
  { phrase: "in the words of", source: "after" },
  { phrase: "in a statement", source: "before" },
  { phrase: "in an interview", source: "before" },
  { phrase: "in a post on", source: "before" },
  { phrase: "in a tweet", source: "before" },
  { phrase: "in a letter", source: "before" },
  { phrase: "quoted as saying", source: "before" },
  { phrase: "was quoted as", source: "before" },
  { phrase: "told reporters", source: "before" },
  { phrase: "reportedly", source: "none" },
  { phrase: "allegedly", source: "none" },
  { phrase: "is said to", source: "none" },
  { phrase: "are said to", source: "none" },
  { phrase: "was said to", source: "none" },
  { phrase: "were said to", source: "none" },
  { phrase: "is reported to", source: "none" },
  { phrase: "are reported to", source: "none" },
  { phrase: "was reported to", source: "none" },
  { phrase: "were reported to", source: "none" },
  { phrase: "is believed to", source: "none" },
  { phrase: "are believed to", source: "none" },
  { phrase: "is alleged to", source: "none" },
  { phrase: "reports say", source: "none" },
  { phrase: "reports said", source: "none" },
  { phrase: "it is claimed", source: "none" },
  { phrase: "it was reported", source: "none" },
];

/** The base form when `word` (any case) is an inflected cue verb. */
export function cueVerb(word: string): string | undefined {
  return CUE_FORMS.get(word.toLowerCase());
}

const WORD_RE = /[\p{L}'’-]+/gu;

/**
 * Whether `s` (the text right after a closing quotation mark, up to the sentence end) is an
 * attribution: a cue within its first words, before anything else could start a new claim.
 * `"…," Aliyev said on TRT` · `"…?" he asked.` · `"…," said the minister.` · `"…" – NATO chief`.
 */
export function startsWithAttribution(s: string, maxWordsBeforeCue = 7): boolean {
  const t = s.replace(/^[\s,]+/u, "");
  if (/^[—–-]\s*\p{Lu}/u.test(t)) return true; // "…" – Jens Stoltenberg
  let n = 0;
  for (const m of t.matchAll(WORD_RE)) {
    const w = m[0];
    if (cueVerb(w) && !WEAK_CUES.has(cueVerb(w)!)) return true;
    if (/^according$/i.test(w)) return true;
    if (++n > maxWordsBeforeCue) return false;
    // The words before a cue are a source: a name, a title, a pronoun; a verb of another kind
    // (lower-case word after the first few) usually means a new clause.
    const before = t.slice(0, m.index);
    if (/[.!?;:]/u.test(before)) return false;
  }
  return false;
}

/**
 * Whether a whole sentence is nothing but an attribution: `Aliyev said.`, `he told reporters on
 * Monday.`, `said the minister.` — a source, a cue and at most circumstances after it, no new claim.
 */
export function isAttributionOnly(sentence: string): boolean {
  const words = [...sentence.matchAll(WORD_RE)].map((m) => m[0]);
  if (words.length > 14 || /["“”«»]/u.test(sentence)) return false;
  const at = words.findIndex((w) => cueVerb(w) !== undefined && !WEAK_CUES.has(cueVerb(w)!));
  if (at < 0 || at > 5) return false;
  const after = words[at + 1]?.toLowerCase();
  return at === 0 || after === undefined || CIRCUMSTANCE.has(after);
}

const CIRCUMSTANCE = new Set([
  "on",
  "in",
  "at",
  "during",
  "after",
  "before",
  "to",
  "from",
  "late",
  "earlier",
  "later",
  "while",
  "when",
  "via",
  "reporters",
  "journalists",
]);
