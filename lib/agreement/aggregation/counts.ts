/**
 * The input of the label-aggregation models (Dawid–Skene, MACE): how many times each annotator
 * gave each value to each item. Counts rather than single ratings, because both models allow an
 * annotator to rate an item more than once (Dawid & Skene's observer 1 rated every patient three
 * times). Stored as parallel typed arrays sorted by item, so a pass over the data is a tight loop
 * whatever the number of items.
 */

export interface RatingCounts {
  /** number of items (sentences), annotators and classes (values); every index is below these */
  items: number;
  annotators: number;
  classes: number;
  /** one entry per (item, annotator, value) with a positive count, sorted by item */
  item: Int32Array;
  annotator: Int32Array;
  value: Int32Array;
  count: Float64Array;
  /** entries of item i are [itemStart[i], itemStart[i + 1]) */
  itemStart: Int32Array;
}

/** One rating as a caller has it: names, not indices. */
export interface Rating<I = string, A = string, V = string> {
  item: I;
  annotator: A;
  value: V;
  /** how many times this annotator gave this value to this item (default 1) */
  count?: number;
}

/** Counts plus the names behind each index, in first-seen order (classes: `classes` if given). */
export interface IndexedCounts<I, A, V> {
  counts: RatingCounts;
  items: I[];
  annotators: A[];
  classes: V[];
}

/**
 * Index ratings and sum repeated (item, annotator, value) triples. `classes` fixes the class order
 * (e.g. the label schema's values, so a value nobody chose still has a class); a rating with a
 * value outside it is a RangeError.
 */
export function countRatings<I, A, V>(ratings: Iterable<Rating<I, A, V>>, classes?: readonly V[]): IndexedCounts<I, A, V> {
  const itemIx = new Map<I, number>();
  const annotatorIx = new Map<A, number>();
  const classIx = new Map<V, number>(classes?.map((c, i) => [c, i]));
  const fixedClasses = classes !== undefined;
  const sums = new Map<string, number>();
  const triples: [number, number, number][] = [];
  for (const r of ratings) {
    const n = r.count ?? 1;
    if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`count must be a positive number, got ${n}`);
    let i = itemIx.get(r.item);
    if (i === undefined) itemIx.set(r.item, (i = itemIx.size));
    let a = annotatorIx.get(r.annotator);
    if (a === undefined) annotatorIx.set(r.annotator, (a = annotatorIx.size));
    let v = classIx.get(r.value);
    if (v === undefined) {
      if (fixedClasses) throw new RangeError(`value ${String(r.value)} is not one of the classes`);
      classIx.set(r.value, (v = classIx.size));
    }
    const key = `${i},${a},${v}`;
    const prev = sums.get(key);
    if (prev === undefined) triples.push([i, a, v]);
    sums.set(key, (prev ?? 0) + n);
  }
  triples.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const m = triples.length;
  const counts: RatingCounts = {
    items: itemIx.size,
    annotators: annotatorIx.size,
    classes: classIx.size,
    item: new Int32Array(m),
    annotator: new Int32Array(m),
    value: new Int32Array(m),
    count: new Float64Array(m),
    itemStart: new Int32Array(itemIx.size + 1),
  };
  triples.forEach(([i, a, v], e) => {
    counts.item[e] = i;
    counts.annotator[e] = a;
    counts.value[e] = v;
    counts.count[e] = sums.get(`${i},${a},${v}`)!;
  });
  fillItemStart(counts);
  return { counts, items: [...itemIx.keys()], annotators: [...annotatorIx.keys()], classes: [...classIx.keys()] };
}

/** Set `itemStart` from `item` (entries already sorted by item). */
export function fillItemStart(c: RatingCounts): void {
  c.itemStart.fill(0);
  for (let e = 0; e < c.item.length; e++) c.itemStart[c.item[e]! + 1]!++;
  for (let i = 0; i < c.items; i++) c.itemStart[i + 1]! += c.itemStart[i]!;
}

/** The index of the largest entry of `p` from `offset` over `n` entries; the first on a tie. */
function argmax(p: Float64Array, offset: number, n: number): number {
  let best = 0;
  for (let l = 1; l < n; l++) if (p[offset + l]! > p[offset + best]!) best = l;
  return best;
}

/** What both models return: a posterior per item and class, and the label it implies. */
export interface AggregationResult {
  /** posterior[i * classes + l] = P(true class of item i is l); each item's row sums to 1 */
  posterior: Float64Array;
  /** the most probable class per item (the first on an exact tie) */
  label: Int32Array;
  /** log marginal likelihood of the data under the fitted model */
  logLikelihood: number;
  /** EM rounds run (over all restarts for MACE) */
  iterations: number;
}

/**
 * Items with the same ratings (the same annotators giving the same values the same number of
 * times) have the same posterior under both models, so the models fit the distinct patterns, each
 * weighted by how many items share it, and hand each item its pattern's posterior. With a few
 * annotators and values there are far fewer patterns than items.
 */
export interface Patterns {
  /** one "item" per distinct pattern */
  counts: RatingCounts;
  /** how many items share each pattern */
  weight: Float64Array;
  /** the pattern of each original item */
  patternOf: Int32Array;
}

export function distinctPatterns(c: RatingCounts): Patterns {
  const index = new Map<string, number>();
  const patternOf = new Int32Array(c.items);
  const firstItem: number[] = [];
  const weights: number[] = [];
  let entries = 0;
  for (let i = 0; i < c.items; i++) {
    let key = "";
    for (let e = c.itemStart[i]!; e < c.itemStart[i + 1]!; e++) key += `${c.annotator[e]},${c.value[e]},${c.count[e]};`;
    let p = index.get(key);
    if (p === undefined) {
      index.set(key, (p = firstItem.length));
      firstItem.push(i);
      weights.push(0);
      entries += c.itemStart[i + 1]! - c.itemStart[i]!;
    }
    weights[p]!++;
    patternOf[i] = p;
  }
  const counts: RatingCounts = {
    items: firstItem.length,
    annotators: c.annotators,
    classes: c.classes,
    item: new Int32Array(entries),
    annotator: new Int32Array(entries),
    value: new Int32Array(entries),
    count: new Float64Array(entries),
    itemStart: new Int32Array(firstItem.length + 1),
  };
  let out = 0;
  firstItem.forEach((i, p) => {
    for (let e = c.itemStart[i]!; e < c.itemStart[i + 1]!; e++, out++) {
      counts.item[out] = p;
      counts.annotator[out] = c.annotator[e]!;
      counts.value[out] = c.value[e]!;
      counts.count[out] = c.count[e]!;
    }
    counts.itemStart[p + 1] = out;
  });
  return { counts, weight: Float64Array.from(weights), patternOf };
}

/** Per-item posteriors and labels from per-pattern ones. */
export function expandPatterns(p: Patterns, classes: number, posterior: Float64Array): { posterior: Float64Array; label: Int32Array } {
  const items = p.patternOf.length;
  const out = new Float64Array(items * classes);
  const label = new Int32Array(items);
  const patternLabel = new Int32Array(p.counts.items);
  for (let q = 0; q < p.counts.items; q++) patternLabel[q] = argmax(posterior, q * classes, classes);
  for (let i = 0; i < items; i++) {
    const q = p.patternOf[i]!;
    out.set(posterior.subarray(q * classes, q * classes + classes), i * classes);
    label[i] = patternLabel[q]!;
  }
  return { posterior: out, label };
}

/** Plurality vote per item over the same counts, a tie going to the lowest class index: the baseline the models are measured against. */
export function pluralityVote(c: RatingCounts): Int32Array {
  const out = new Int32Array(c.items);
  const votes = new Float64Array(c.classes);
  for (let i = 0; i < c.items; i++) {
    votes.fill(0);
    for (let e = c.itemStart[i]!; e < c.itemStart[i + 1]!; e++) votes[c.value[e]!]! += c.count[e]!;
    out[i] = argmax(votes, 0, c.classes);
  }
  return out;
}
