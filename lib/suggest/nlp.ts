/**
 * Tokens and parts of speech from wink-nlp with its English "lite" model (both in npm packages:
 * nothing is downloaded at run time). Only the POS tagger is enabled: the extractor needs tokens,
 * proper nouns and verbs, and the other pipes (sentence boundaries, sentiment, NER of dates and
 * numbers) would triple the cost. The model is loaded once, on first use (~0.5 s).
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export type Pos =
  | "ADJ"
  | "ADP"
  | "ADV"
  | "AUX"
  | "CCONJ"
  | "DET"
  | "INTJ"
  | "NOUN"
  | "NUM"
  | "PART"
  | "PRON"
  | "PROPN"
  | "PUNCT"
  | "SCONJ"
  | "SYM"
  | "VERB"
  | "X"
  | "SPACE";

export interface Token {
  text: string;
  /** UTF-16 offsets into the string that was tagged. */
  start: number;
  end: number;
  pos: Pos;
}

let nlp: ReturnType<typeof winkNLP> | null = null;

/** `/\s/u.test(text[i])`, without a regex call for the ASCII characters that make up most text. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/u.test(text[i]!);
}

/** Tokens of `text` with their parts of speech and offsets. */
export function tag(text: string): Token[] {
  nlp ??= winkNLP(model, ["pos"]);
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out() as string[];
  const pos = doc.tokens().out(nlp.its.pos) as Pos[];
  const out: Token[] = [];
  let cursor = 0;
  values.forEach((v, i) => {
    // Tokens are separated by whitespace only; wink may normalise a token (rare): then it gets
    // an empty span at the cursor.
    let at = cursor;
    while (at < text.length && isSpaceAt(text, at)) at++;
    const found = text.startsWith(v, at);
    const start = found ? at : cursor;
    const end = found ? at + v.length : cursor;
    cursor = end;
    const p = pos[i] ?? "X";
    if (p === "SPACE") return;
    // wink splits words at some non-ASCII letters ("Çavu" + "şoğlu"): glue them back.
    const prev = out[out.length - 1];
    if (prev && prev.end === start && start < end && /\p{L}$/u.test(prev.text) && /^\p{L}/u.test(v)) {
      prev.text += v;
      prev.end = end;
    } else out.push({ text: v, start, end, pos: p });
  });
  return out;
}
