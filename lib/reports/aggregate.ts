/**
 * Per-outlet and per-story figures: article reports (article.ts) merged. Counts add up; shares,
 * net scores and densities are computed again from the sums (never averaged); a named source is
 * one source across articles ("Ilham Aliyev" in two articles counts once), an unnamed one is one
 * source per article and side. Bases add up, so every figure still says what it rests on.
 */
import { addBasis, emptyBasis, type BasisCount } from "./basis";
import {
  sourceEntry,
  summaryLine,
  type ArticleReport,
  type ReportLabels,
  type Counted,
  type SideRow,
  type SourceRow,
  type StanceRow,
} from "./article";

export interface GroupSource extends Omit<SourceRow, "sentenceIndexes"> {
  /** Articles of the group that quote or paraphrase the source. */
  documents: number;
}

export interface GroupReport {
  /** The outlet or story; null for documents without one. */
  key: string | null;
  documents: { id: string; title: string; outlet: string | null; story: string | null }[];
  sentences: number;
  words: number;
  attributed: ArticleReport["attributed"];
  unattributed: Counted & { basis: BasisCount };
  unresolvedSourcing: number;
  sources: GroupSource[];
  sides: SideRow[];
  stance: StanceRow[];
  loaded: ArticleReport["loaded"];
  summary: string;
}

const addCounted = (a: Counted, b: Counted) => {
  a.sentences += b.sentences;
  a.words += b.words;
};

export function mergeReports(key: string | null, reports: readonly ArticleReport[]): GroupReport {
  const attributed = {
    sentences: 0,
    words: 0,
    direct: { sentences: 0, words: 0 },
    paraphrased: { sentences: 0, words: 0 },
    basis: emptyBasis(),
  };
  const unattributed = { sentences: 0, words: 0, basis: emptyBasis() };
  const sources = new Map<string, GroupSource & { typeCounts: Map<string, number>; sideCounts: Map<string, number> }>();
  const sides = new Map<string, Omit<SideRow, "sourceKeys"> & { sourceKeys: Set<string> }>();
  const stance = new Map<string, StanceRow>();
  const loaded = { spans: 0, words: 0, per100Words: null as number | null, basis: emptyBasis() };
  let sentences = 0;
  let words = 0;
  let unresolvedSourcing = 0;

  for (const r of reports) {
    sentences += r.sentences;
    words += r.words;
    unresolvedSourcing += r.unresolvedSourcing;
    addCounted(attributed, r.attributed);
    addCounted(attributed.direct, r.attributed.direct);
    addCounted(attributed.paraphrased, r.attributed.paraphrased);
    addBasis(attributed.basis, r.attributed.basis);
    addCounted(unattributed, r.unattributed);
    addBasis(unattributed.basis, r.unattributed.basis);
    loaded.spans += r.loaded.spans;
    loaded.words += r.loaded.words;
    addBasis(loaded.basis, r.loaded.basis);

    // An unnamed source counts once per article (its rows merge into one per side for display).
    const distinctKey = (key: string) => (key.startsWith("unnamed:") ? `${key}@${r.document.id}` : key);
    for (const { sentenceIndexes: _indexes, ...s } of r.sources) {
      let g = sources.get(s.key);
      if (!g) {
        g = {
          ...s,
          sentences: 0,
          words: 0,
          direct: { sentences: 0, words: 0 },
          paraphrased: { sentences: 0, words: 0 },
          basis: emptyBasis(),
          names: [],
          documents: 0,
          typeCounts: new Map(),
          sideCounts: new Map(),
        };
        sources.set(s.key, g);
      }
      g.documents++;
      for (const n of s.names) if (!g.names.includes(n)) g.names.push(n);
      addCounted(g, s);
      addCounted(g.direct, s.direct);
      addCounted(g.paraphrased, s.paraphrased);
      addBasis(g.basis, s.basis);
      // Each article's most frequent type and side, weighted by its sentences.
      if (s.type) g.typeCounts.set(s.type, (g.typeCounts.get(s.type) ?? 0) + s.sentences);
      if (s.side) g.sideCounts.set(s.side, (g.sideCounts.get(s.side) ?? 0) + s.sentences);
    }
    for (const { sourceKeys, ...sd } of r.sides) {
      let g = sides.get(sd.side);
      if (!g) {
        g = { ...sd, sentences: 0, words: 0, sources: 0, direct: 0, paraphrased: 0, basis: emptyBasis(), sourceKeys: new Set() };
        sides.set(sd.side, g);
      }
      addCounted(g, sd);
      g.direct += sd.direct;
      g.paraphrased += sd.paraphrased;
      addBasis(g.basis, sd.basis);
      for (const k of sourceKeys) g.sourceKeys.add(distinctKey(k));
    }
    for (const st of r.stance) {
      let g = stance.get(st.target);
      if (!g) stance.set(st.target, (g = { ...st, counts: {}, favorable: 0, unfavorable: 0, total: 0, net: null, basis: emptyBasis() }));
      for (const [v, n] of Object.entries(st.counts)) g.counts[v] = (g.counts[v] ?? 0) + n;
      g.favorable += st.favorable;
      g.unfavorable += st.unfavorable;
      g.total += st.total;
      addBasis(g.basis, st.basis);
    }
  }

  const byCount = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  const sourceRows: GroupSource[] = [...sources.values()]
    .map(({ typeCounts, sideCounts, ...s }) => {
      const types = byCount(typeCounts);
      const sidesOf = byCount(sideCounts);
      return { ...s, types, sides: sidesOf, type: types[0] ?? null, side: sidesOf[0] ?? null, entry: sourceEntry(s.entry, types, sidesOf) };
    })
    .sort((a, b) => b.sentences - a.sentences || (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff"));
  const sideRows: SideRow[] = [...sides.values()].map(({ sourceKeys, ...s }) => ({
    ...s,
    sources: sourceKeys.size,
    sourceKeys: [...sourceKeys],
    sentenceShare: attributed.sentences ? s.sentences / attributed.sentences : 0,
    wordShare: attributed.words ? s.words / attributed.words : 0,
  }));
  const stanceRows = [...stance.values()].map((s) => ({ ...s, net: s.total ? (s.favorable - s.unfavorable) / s.total : null }));
  loaded.per100Words = words ? (100 * loaded.spans) / words : null;

  const group = {
    key,
    documents: reports.map((r) => ({ id: r.document.id, title: r.document.title, outlet: r.document.outlet, story: r.document.story })),
    sentences,
    words,
    attributed,
    unattributed,
    unresolvedSourcing,
    sources: sourceRows,
    sides: sideRows,
    stance: stanceRows,
    loaded,
  };
  const summary = summaryLine(group);
  return { ...group, summary };
}

/** Article reports grouped by outlet or by story (documents without one form the group `null`, last), each merged. */
export function groupReports(reports: readonly ArticleReport[], by: "outlet" | "story"): GroupReport[] {
  const groups = new Map<string | null, ArticleReport[]>();
  for (const r of reports) {
    const k = r.document[by];
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([k, rs]) => mergeReports(k, rs));
}

/** The sides any group quotes, the project's targets first: the columns of a side-by-side table. */
export function sideColumns(groups: readonly { sides: { side: string; label: string; isTarget: boolean }[] }[], labels: ReportLabels) {
  const seen = new Map<string, string>();
  for (const t of labels.targets) seen.set(t.key, t.name);
  for (const g of groups) for (const s of g.sides) if (!seen.has(s.side)) seen.set(s.side, s.label);
  return [...seen.entries()].map(([side, label]) => ({ side, label }));
}
