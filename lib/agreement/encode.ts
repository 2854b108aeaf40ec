import type { CategoryOptions, ReliabilityData, Value } from "./types";

/**
 * Reliability data encoded once for fast computation: categories are mapped to small
 * integers (their index in `categories`) and the observed values are stored unit by unit
 * in compressed-row form. Values of unit `u` are at indices `offsets[u] .. offsets[u+1]-1`
 * of `coder` (index into `coders`) and `code` (index into `categories`). Missing values
 * are not stored.
 */
export interface EncodedData<V extends Value = Value> {
  unitIds: string[];
  coders: string[];
  categories: V[];
  offsets: Int32Array;
  coder: Int32Array;
  code: Int32Array;
}

/** Default category order: numbers ascending, then strings in code-unit order. */
function compareValues(a: Value, b: Value): number {
  if (typeof a === "number") {
    if (typeof b === "number") return a - b;
    return -1;
  }
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkValue(v: unknown): asserts v is Value {
  if (typeof v === "string") return;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`agreement: value ${v} is not a finite number`);
    return;
  }
  throw new TypeError(`agreement: values must be strings or numbers, got ${typeof v}`);
}

/** Encode reliability data (either shape, see `types.ts`). Throws on invalid values. */
export function encode<V extends Value>(data: ReliabilityData<V>, opts: CategoryOptions<V> = {}): EncodedData<V> {
  const catIndex = new Map<Value, number>();
  const seen: V[] = [];
  const order = opts.order;
  if (order) {
    for (const v of order) {
      checkValue(v);
      if (catIndex.has(v)) throw new RangeError(`agreement: duplicate category ${String(v)} in order`);
      catIndex.set(v, seen.length);
      seen.push(v);
    }
  }
  const lookup = (v: V): number => {
    let c = catIndex.get(v);
    if (c === undefined) {
      if (order) throw new RangeError(`agreement: value ${JSON.stringify(v)} is not in the category order`);
      checkValue(v);
      c = seen.length;
      catIndex.set(v, c);
      seen.push(v);
    }
    return c;
  };

  let unitIds: string[];
  let coders: string[];
  let offsets: Int32Array;
  let coderArr: Int32Array;
  let codeArr: Int32Array;
  let nnz = 0;

  if (Array.isArray(data)) {
    const units = data as readonly { id: string; values: ReadonlyMap<string, V | null | undefined> }[];
    const coderIndex = new Map<string, number>();
    coders = [];
    unitIds = new Array<string>(units.length);
    offsets = new Int32Array(units.length + 1);
    let cap = 0;
    for (const u of units) cap += u.values.size;
    coderArr = new Int32Array(cap);
    codeArr = new Int32Array(cap);
    for (let u = 0; u < units.length; u++) {
      const unit = units[u]!;
      unitIds[u] = unit.id;
      for (const [who, v] of unit.values) {
        if (v === null || v === undefined || v !== v) continue;
        let k = coderIndex.get(who);
        if (k === undefined) {
          k = coders.length;
          coderIndex.set(who, k);
          coders.push(who);
        }
        coderArr[nnz] = k;
        codeArr[nnz] = lookup(v);
        nnz++;
      }
      offsets[u + 1] = nnz;
    }
  } else {
    const m = data as Exclude<ReliabilityData<V>, readonly unknown[]>;
    coders = [...m.coders];
    if (new Set(coders).size !== coders.length) throw new RangeError("agreement: duplicate coder ids");
    const rows = m.units;
    const nc = coders.length;
    if (m.unitIds && m.unitIds.length !== rows.length) {
      throw new RangeError("agreement: unitIds and units differ in length");
    }
    unitIds = m.unitIds ? [...m.unitIds] : rows.map((_, i) => String(i));
    offsets = new Int32Array(rows.length + 1);
    coderArr = new Int32Array(rows.length * nc);
    codeArr = new Int32Array(rows.length * nc);
    for (let u = 0; u < rows.length; u++) {
      const row = rows[u]!;
      if (row.length > nc) throw new RangeError(`agreement: unit ${unitIds[u]} has more cells than coders`);
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (v === null || v === undefined || v !== v) continue;
        coderArr[nnz] = j;
        codeArr[nnz] = lookup(v);
        nnz++;
      }
      offsets[u + 1] = nnz;
    }
  }

  let categories = seen;
  if (!order && seen.length > 1) {
    // Renumber first-seen codes into the default sorted order.
    const idx = seen.map((_, i) => i).sort((a, b) => compareValues(seen[a]!, seen[b]!));
    const remap = new Int32Array(seen.length);
    idx.forEach((old, neu) => (remap[old] = neu));
    for (let i = 0; i < nnz; i++) codeArr[i] = remap[codeArr[i]!]!;
    categories = idx.map((i) => seen[i]!);
  }
  return {
    unitIds,
    coders,
    categories,
    offsets,
    coder: coderArr.subarray(0, nnz),
    code: codeArr.subarray(0, nnz),
  };
}
