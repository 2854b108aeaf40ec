/**
 * Source names and the ledger that resolves them (issue 16). Labels keep the name the annotator
 * typed; a name resolves to a ledger entry through the project's aliases, compared by
 * `sourceNameKey`: case-, accent- and space-insensitive ("Mevlüt  Çavuşoğlu" = "mevlut cavusoglu"),
 * with typographic apostrophes read as "'" ("Azerbaijan’s President" = "Azerbaijan's President").
 * Pure: the server loads the rows, reports and agreement resolve names through `SourceResolver`.
 */

export function sourceNameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

export interface LedgerEntry {
  id: string;
  /** The canonical name. */
  name: string;
  type: string | null;
  side: string | null;
}

export interface SourceResolver {
  /** The entry a typed name belongs to, or null when no alias knows it. */
  resolve(name: string): LedgerEntry | null;
  /**
   * What two names are compared by: `source:<entry id>` for a name the ledger knows, else the
   * normalised name itself (`name:<key>`), so names no entry knows still match their own spellings.
   */
  identity(name: string): string;
}

export function sourceResolver(entries: readonly LedgerEntry[], aliases: readonly { key: string; sourceId: string }[]): SourceResolver {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const byKey = new Map<string, LedgerEntry>();
  for (const a of aliases) {
    const e = byId.get(a.sourceId);
    if (e) byKey.set(a.key, e);
  }
  const resolve = (name: string) => byKey.get(sourceNameKey(name)) ?? null;
  return {
    resolve,
    identity(name) {
      const e = resolve(name);
      return e ? `source:${e.id}` : `name:${sourceNameKey(name)}`;
    },
  };
}

/** A resolver with no entries: every name is its own source (projects whose ledger is empty). */
export const NO_LEDGER: SourceResolver = sourceResolver([], []);

export interface TypedName {
  /** The spelling typed most often (ties: the first in code-point order, so the order labels are read in does not matter). */
  name: string;
  key: string;
  /** Labels with this name (any spelling of the key). */
  labels: number;
}

/**
 * The names typed in labels, one per key, those the ledger does not know first marked as pending
 * (a manager approves each as a new entry or links it to an existing one).
 */
export function typedNames(values: Iterable<unknown>): TypedName[] {
  const byKey = new Map<string, { spellings: Map<string, number>; labels: number }>();
  for (const v of values) {
    if (typeof v !== "string" || !v.trim()) continue;
    const key = sourceNameKey(v);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { spellings: new Map(), labels: 0 }));
    g.labels++;
    const spelling = v.trim().replace(/\s+/g, " ");
    g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + 1);
  }
  return [...byKey.entries()].map(([key, g]) => ({
    key,
    labels: g.labels,
    name: [...g.spellings.entries()].reduce((best, cur) => (cur[1] > best[1] || (cur[1] === best[1] && cur[0] < best[0]) ? cur : best))[0],
  }));
}

export interface NameOption {
  /** What the field is filled with when the option is chosen. */
  name: string;
  /** Where it comes from: the ledger's canonical name it resolves to, or "your earlier name". */
  detail: string;
}

/**
 * The options that match what someone is typing, best first: a name whose words start with the
 * query's words ("cavus" → "Mevlut Cavusoglu"; "m cav" too), then a name that contains it anywhere.
 * Keys compare, so accents and case do not matter. An empty query matches nothing.
 */
export function matchNames(query: string, options: readonly NameOption[], limit = 8): NameOption[] {
  const q = sourceNameKey(query);
  if (!q) return [];
  const qWords = q.split(" ");
  const scored: { option: NameOption; score: number; i: number }[] = [];
  options.forEach((option, i) => {
    const key = sourceNameKey(option.name);
    const words = key.split(" ");
    let score = -1;
    if (key.startsWith(q)) score = 3;
    else if (qWords.every((qw) => words.some((w) => w.startsWith(qw)))) score = 2;
    else if (key.includes(q)) score = 1;
    if (score >= 0) scored.push({ option, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.option.name.length - b.option.name.length || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.option);
}
