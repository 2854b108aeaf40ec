/**
 * The people a document names, with the titles and countries it gives them: "Turkish Foreign
 * Minister Mevlut Cavusoglu", "Azerbaijan's President Ilham Aliyev", "Hikmet Hajiyev, aide to
 * President Aliyev,". Used to resolve a surname to the full name ("Stoltenberg" → "Jens
 * Stoltenberg"), a description to a person ("the minister") and a person to a country.
 */
import { COUNTRY_OF, NOT_NAMES, TITLE_WORDS } from "./lexicon";

export interface Person {
  /** The longest form of the name in the document: "Recep Tayyip Erdogan". */
  name: string;
  /** Lower-cased last word of the name: the key surnames are resolved by. */
  surname: string;
  /** Lower-cased title and description words given anywhere in the document. */
  titles: Set<string>;
  /** Countries the titles tie the person to ("Turkish Foreign Minister" → Turkey). */
  countries: Set<string>;
  /** Descriptions in apposition: "aide to President Aliyev". */
  descriptions: string[];
  /** UTF-16 offset of the first mention. */
  firstAt: number;
}

const CAP_RUN =
  /\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:bin|al|de|van|von|der|da|di|el|ibn|la|le)(?=[ \t]+\p{Lu}))){0,6}/gu;
const APPOSITIVE = /^,\s+((?:an?\s+|the\s+)?[\p{Ll}][^,.;:"“”]{2,80}?),/u;

const strip = (w: string) => w.replace(/['’]s$/u, "").replace(/[.,]$/u, "");

/** Whether a capitalised word can be part of a person's name. */
export function isNameWord(word: string): boolean {
  let known = nameWordCache.get(word);
  if (known === undefined) {
    known = computeIsNameWord(word);
    if (nameWordCache.size > 50_000) nameWordCache.clear();
    nameWordCache.set(word, known);
  }
  return known;
}

const nameWordCache = new Map<string, boolean>();

function computeIsNameWord(word: string): boolean {
  const w = strip(word);
  const lower = w.toLowerCase();
  if (w.length < 2 || /^\p{Lu}[\p{Lu}.]+$/u.test(w)) return false; // NATO, UN, READ
  return !TITLE_WORDS.has(lower) && !COUNTRY_OF.has(lower) && !NOT_NAMES.has(lower);
}

/**
 * Splits a run of capitalised words into the name (its trailing run of name words) and what comes
 * before it: titles ("Incumbent Mayor"), countries ("Turkish", "Turkey's").
 */
export function splitTitle(words: readonly string[]): { titles: string[]; countries: string[]; name: string[] } {
  let i = words.length;
  while (i > 0 && isNameWord(words[i - 1]!)) i--;
  const titles: string[] = [];
  const countries: string[] = [];
  for (const w of words.slice(0, i)) {
    const lower = strip(w).toLowerCase();
    const country = COUNTRY_OF.get(lower);
    if (country) countries.push(country);
    else titles.push(lower);
  }
  return { titles, countries, name: words.slice(i).map(strip) };
}

export class People {
  private readonly bySurname = new Map<string, Person>();
  /** Every mention of a known person, in text order: [offset, person]. */
  private readonly mentions: [number, Person][] = [];

  constructor(text: string) {
    for (const m of text.matchAll(CAP_RUN)) {
      const words = m[0].split(/[ \t]+/u);
      const { titles, countries, name } = splitTitle(words);
      if (name.length === 0) continue;
      // "Turkey's Defence Minister": a country in the possessive just before the run.
      const before = text.slice(Math.max(0, m.index - 20), m.index);
      // (The includes/"," tests only skip the regexes where they cannot match: this runs for every
      // capitalised word of the document, sentence starts included.)
      const possessive = before.includes("'s") || before.includes("’s") ? /(\p{Lu}[\p{L}]+)['’]s\s+$/u.exec(before) : null;
      const owner = possessive ? COUNTRY_OF.get(possessive[1]!.toLowerCase()) : undefined;
      if (owner) countries.push(owner);
      const next = m.index + m[0].length;
      const after = text[next] === "," ? APPOSITIVE.exec(text.slice(next, next + 90)) : null;
      const description = after && /\p{L}/u.test(after[1]!) && isDescription(after[1]!) ? after[1]! : null;
      this.add(name, titles, countries, description, m.index);
    }
  }

  private add(name: string[], titles: string[], countries: string[], description: string | null, at: number) {
    const surname = name[name.length - 1]!.toLowerCase();
    // A single capitalised word with no title is as likely a place or an organisation: not a person.
    if (name.length === 1 && titles.length === 0 && !description && !this.bySurname.has(surname)) return;
    let p = this.bySurname.get(surname);
    if (!p) {
      p = { name: name.join(" "), surname, titles: new Set(), countries: new Set(), descriptions: [], firstAt: at };
      this.bySurname.set(surname, p);
    } else if (name.length > p.name.split(" ").length) p.name = name.join(" ");
    this.mentions.push([at, p]);
    for (const t of titles) p.titles.add(t);
    for (const c of countries) p.countries.add(c);
    if (description) {
      p.descriptions.push(description);
      for (const w of description.toLowerCase().split(/[^\p{L}.-]+/u)) if (TITLE_WORDS.has(w)) p.titles.add(w);
    }
  }

  /** The person a name (full or surname only) refers to. */
  byName(name: string): Person | undefined {
    const words = name.split(/\s+/u).map(strip);
    const p = this.bySurname.get(words[words.length - 1]!.toLowerCase());
    if (!p) return undefined;
    // "Ilham Aliyev" and "Aliyev" are the same person; "Heydar Aliyev" is not "Ilham Aliyev".
    const given = words.slice(0, -1).map((w) => w.toLowerCase());
    const known = p.name.toLowerCase().split(" ");
    return given.every((w) => known.includes(w)) ? p : undefined;
  }

  /** The person mentioned last before `at` (for "she said" when no earlier speaker is known). */
  lastMentionBefore(at: number): Person | undefined {
    let best: Person | undefined;
    for (const [offset, p] of this.mentions) if (offset < at) best = p;
    return best;
  }

  /** The most recently first-mentioned person before `at` whose titles include `head`. */
  byTitle(head: string, at: number): Person | undefined {
    let best: Person | undefined;
    for (const p of this.bySurname.values()) {
      if (p.firstAt < at && p.titles.has(head) && (!best || p.firstAt > best.firstAt)) best = p;
    }
    return best;
  }

  /** Countries a person is tied to, also through a description ("aide to President Aliyev"). */
  countriesOf(p: Person, depth = 0): Set<string> {
    const out = new Set(p.countries);
    if (depth > 1) return out;
    for (const d of p.descriptions) {
      for (const w of d.split(/[^\p{L}'’]+/u)) {
        const c = COUNTRY_OF.get(strip(w).toLowerCase());
        if (c) out.add(c);
        else if (/^\p{Lu}/u.test(w) && isNameWord(w)) {
          const other = this.byName(w);
          if (other && other !== p) for (const x of this.countriesOf(other, depth + 1)) out.add(x);
        }
      }
    }
    return out;
  }
}

function isDescription(s: string): boolean {
  const words = s
    .replace(/^(?:an?|the)\s+/u, "")
    .toLowerCase()
    .split(/\s+/u);
  return words.length <= 10 && words.slice(0, 3).some((w) => TITLE_WORDS.has(w));
}
