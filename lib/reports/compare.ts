/**
 * One story told by several outlets, side by side (BASIL's question: what did one outlet report
 * that another left out?). Per outlet: its articles merged (aggregate.ts), the side of the first
 * source it quotes, stance per target. Across outlets: every named source quoted by some outlets
 * and absent from others, a candidate omission for a person to judge. Sources are matched by their
 * key (article.ts): the ledger entry where the project's source ledger knows the name, so its
 * aliases count as one source; else the name itself, case, accents and spacing aside, so a name the
 * ledger does not know yet may appear twice. Unnamed sources cannot be matched across outlets and
 * are left out of omissions.
 */
import { groupReports, type GroupReport } from "./aggregate";
import type { ArticleReport } from "./article";

export interface OutletInStory extends GroupReport {
  /** The first quoted or paraphrased source of the outlet's first article (in the order given) that has one. */
  firstSource: { documentId: string; name: string | null; side: string | null; sideLabel: string | null; sentenceIndex: number } | null;
}

export interface CandidateOmission {
  key: string;
  name: string;
  /** The side most sentences gave the source, across the outlets that quote it. */
  side: string | null;
  quotedBy: { outlet: string | null; sentences: number }[];
  absentFrom: (string | null)[];
}

export interface StoryComparison {
  story: string;
  outlets: OutletInStory[];
  omissions: CandidateOmission[];
}

/** `reports`: the story's articles, in the order they appeared (publication date, then project order). */
export function compareStory(story: string, reports: readonly ArticleReport[]): StoryComparison {
  const outlets: OutletInStory[] = groupReports(reports, "outlet").map((g) => {
    const first = reports.find((r) => r.document.outlet === g.key && r.firstSource);
    const f = first?.firstSource;
    const sideLabel = f?.side != null ? (first!.sides.find((s) => s.side === f.side)?.label ?? f.side) : null;
    return {
      ...g,
      firstSource: f ? { documentId: first!.document.id, name: f.name, side: f.side, sideLabel, sentenceIndex: f.sentenceIndex } : null,
    };
  });

  const named = new Map<string, { name: string; sideCounts: Map<string, number>; quotedBy: Map<string | null, number> }>();
  for (const o of outlets) {
    for (const s of o.sources) {
      if (s.name === null) continue;
      let n = named.get(s.key);
      if (!n) named.set(s.key, (n = { name: s.name, sideCounts: new Map(), quotedBy: new Map() }));
      n.quotedBy.set(o.key, s.sentences);
      if (s.side) n.sideCounts.set(s.side, (n.sideCounts.get(s.side) ?? 0) + s.sentences);
    }
  }
  const omissions: CandidateOmission[] = [];
  for (const [key, n] of named) {
    const absentFrom = outlets.filter((o) => !n.quotedBy.has(o.key)).map((o) => o.key);
    if (!absentFrom.length) continue;
    const side = [...n.sideCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    omissions.push({
      key,
      name: n.name,
      side,
      quotedBy: outlets.filter((o) => n.quotedBy.has(o.key)).map((o) => ({ outlet: o.key, sentences: n.quotedBy.get(o.key)! })),
      absentFrom,
    });
  }
  omissions.sort(
    (a, b) =>
      b.quotedBy.reduce((x, q) => x + q.sentences, 0) - a.quotedBy.reduce((x, q) => x + q.sentences, 0) || a.name.localeCompare(b.name),
  );
  return { story, outlets, omissions };
}
