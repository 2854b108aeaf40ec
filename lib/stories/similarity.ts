/**
 * Story proposals: groups of documents that look like reports of one event, by the text
 * similarity of their title and lead. Pure; server/story-proposals.ts reads the documents
 * without a story and the pairs managers dismissed.
 *
 * Method: TF-IDF over the words of title + lead (lowercased, stop words and words under three
 * letters dropped; sublinear tf, smoothed idf over the documents compared), cosine similarity of
 * the L2-normalised vectors. Only pairs that share a rare word (one in at most RARE_MAX_DF
 * documents) are compared, so the work grows with the documents, not with their pairs; a pair of
 * reports of one event shares names, places or numbers, which are rare words. Pairs at or above
 * SIMILARITY_THRESHOLD are linked, and linked documents form one proposal (connected components).
 */

/** Cosine similarity (0..1) from which two documents are proposed as one story; README "Story proposals". */
export const SIMILARITY_THRESHOLD = 0.3;
/** Characters of the text, after the title, that make the lead. */
export const LEAD_CHARS = 600;
/** A word in more documents than this is too common to pair documents by (it still counts in the cosine). */
export const RARE_MAX_DF = 50;

// prettier-ignore
const STOP = new Set(("about above after again against all also and any are because been before being below between both but can " +
  "could did does doing down during each few for from further had has have having her here hers him his how into its itself just " +
  "more most not now off once only other our out over own said same says she should some such than that the their them then there " +
  "these they this those through too under until very was were what when where which while who whom why will with would you your " +
  "monday tuesday wednesday thursday friday saturday sunday").split(" "));

export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !STOP.has(w));
}

export interface StoryDocument {
  id: string;
  title: string;
  text: string;
}

export interface StoryProposal {
  documentIds: string[];
  /** The weakest link that joined the group (the lowest pair similarity on its spanning tree). */
  similarity: number;
  /** The words that weigh most in the group, for a story name the manager can change. */
  keywords: string[];
}

/** `dismissed`: pairs a manager said are not one story ("a b" with a < b). */
export function proposeStories(
  docs: readonly StoryDocument[],
  dismissed: ReadonlySet<string> = new Set(),
  threshold = SIMILARITY_THRESHOLD,
): StoryProposal[] {
  const n = docs.length;
  const bags = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of terms(`${d.title}\n${d.text.slice(0, LEAD_CHARS)}`)) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  const postings = new Map<string, number[]>();
  bags.forEach((bag, i) => {
    for (const t of bag.keys()) {
      const p = postings.get(t);
      if (p) p.push(i);
      else postings.set(t, [i]);
    }
  });
  const idf = (t: string) => Math.log((1 + n) / (1 + postings.get(t)!.length)) + 1;
  const vectors = bags.map((bag) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, f] of bag) {
      const w = (1 + Math.log(f)) * idf(t);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    const [small, large] = a.size < b.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
    return dot;
  };

  // Candidate pairs: documents that share a rare word.
  const seen = new Set<number>();
  const links: [number, number, number][] = [];
  for (const p of postings.values()) {
    if (p.length < 2 || p.length > RARE_MAX_DF) continue;
    for (let x = 0; x < p.length; x++) {
      for (let y = x + 1; y < p.length; y++) {
        const [i, j] = [p[x]!, p[y]!];
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        const [a, b] = [docs[i]!.id, docs[j]!.id];
        if (dismissed.has(pairKey(a, b))) continue;
        const s = cosine(vectors[i]!, vectors[j]!);
        if (s >= threshold) links.push([i, j, s]);
      }
    }
  }

  // Strongest links first (Kruskal): each group's weakest joining link is its similarity.
  links.sort((a, b) => b[2] - a[2]);
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const weakest = new Map<number, number>();
  for (const [i, j, s] of links) {
    const [ri, rj] = [find(i), find(j)];
    if (ri === rj) continue;
    parent[rj] = ri;
    weakest.set(ri, Math.min(s, weakest.get(ri) ?? 1, weakest.get(rj) ?? 1));
  }
  const groups = new Map<number, number[]>();
  docs.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => {
      const weight = new Map<string, number>();
      for (const i of members)
        for (const [t, w] of vectors[i]!) if ((postings.get(t)?.length ?? 0) > 1) weight.set(t, (weight.get(t) ?? 0) + w);
      const keywords = [...weight.entries()]
        .filter(([t]) => members.filter((i) => vectors[i]!.has(t)).length > 1)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 3)
        .map(([t]) => t);
      return { documentIds: members.map((i) => docs[i]!.id), similarity: weakest.get(root)!, keywords };
    })
    .sort((a, b) => b.documentIds.length - a.documentIds.length || b.similarity - a.similarity);
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** Every pair of a group, for dismissing it (ordered as pairKey orders them). */
export function pairsOf(ids: readonly string[]): [string, string][] {
  const sorted = [...new Set(ids)].sort();
  const out: [string, string][] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) out.push([sorted[i]!, sorted[j]!]);
  return out;
}
