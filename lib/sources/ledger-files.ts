/**
 * The source ledger in the dataset package (sources/…): the entries a manager kept on the Sources
 * page, so that a dataset's source-name labels, which keep the text each annotator typed, can be
 * resolved to people outside Slant the way the reports and agreement resolve them.
 */
import { csvRow } from "@/lib/formats/csv-write";

export const LEDGER_FILES = {
  json: "sources/ledger.json",
  namesCsv: "sources/names.csv",
} as const;

/** What the Sources page shows (server/sources/ledger.ts getSourceLedger), without who asked. */
export interface LedgerData {
  attributes: readonly string[];
  types: readonly { id: string; label: string }[];
  sides: readonly { id: string; label: string }[];
  sources: readonly {
    id: string;
    name: string;
    type: string | null;
    side: string | null;
    attributes: Readonly<Record<string, string | null>>;
    aliases: readonly { name: string; key: string; labels: number }[];
    labels: number;
  }[];
  pending: readonly { name: string; key: string; labels: number }[];
}

/** lib/sources/names.ts sourceNameKey, in words and in Python (the card and ledger.json carry it). */
export const NAME_KEY_RULE =
  "A typed name belongs to an entry when its key equals one of the entry's alias keys. The key: the name in Unicode NFKD with " +
  "combining marks removed, the apostrophes \u2018 \u2019 \u02bc and ` made ', trimmed, runs of whitespace made one space, lower-cased.";
export const NAME_KEY_PYTHON =
  "def name_key(n):\n" +
  "    n = ''.join(c for c in unicodedata.normalize('NFKD', n) if not unicodedata.category(c).startswith('M'))\n" +
  "    n = re.sub('[\\u2018\\u2019\\u02bc`]', \"'\", n)\n" +
  "    return re.sub(r'\\s+', ' ', n.strip()).lower()\n";

/** sources/ledger.json: every entry with its aliases, and the typed names no entry knows yet (pending). */
export function ledgerJson(ledger: LedgerData | null, unavailable: string | null): string {
  if (!ledger) return `${JSON.stringify({ unavailable }, null, 2)}\n`;
  const { attributes, types, sides, sources, pending } = ledger;
  return `${JSON.stringify({ name_key: NAME_KEY_RULE, name_key_python: NAME_KEY_PYTHON, attributes, types, sides, sources, pending }, null, 2)}\n`;
}

/**
 * sources/names.csv: one row per name, the entry it resolves to (empty for a pending name) and
 * the entry's type, side and attributes, ready to join to the labels' source names by `key`.
 */
export function* ledgerNamesCsv(ledger: LedgerData): Generator<string> {
  yield csvRow([
    "name",
    "key",
    "labels",
    "status",
    "source_id",
    "source_name",
    "type",
    "side",
    ...ledger.attributes.map((a) => `attribute:${a}`),
  ]);
  for (const s of ledger.sources)
    for (const a of s.aliases)
      yield csvRow([
        a.name,
        a.key,
        a.labels,
        "linked",
        s.id,
        s.name,
        s.type,
        s.side,
        ...ledger.attributes.map((k) => s.attributes[k] ?? null),
      ]);
  for (const p of ledger.pending)
    yield csvRow([p.name, p.key, p.labels, "pending", null, null, null, null, ...ledger.attributes.map(() => null)]);
}
