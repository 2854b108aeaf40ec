/**
 * Reliability data: the input of every agreement statistic in this module.
 *
 * Two equivalent shapes are accepted (`ReliabilityData`):
 *
 * 1. Unit list — `Unit[]`: one entry per unit (e.g. a sentence, or a token for span
 *    agreement), with a Map from coder id to the value that coder gave. A coder who did not
 *    code the unit is simply absent from the Map (a `null`/`undefined`/`NaN` value is also
 *    treated as missing).
 *
 * 2. Matrix — `ReliabilityMatrix`: `coders` names the columns, `units` holds one row per unit
 *    (units × coders, i.e. the transpose of Krippendorff's observers × units table). A cell
 *    that is `null`, `undefined`, `NaN`, or beyond the end of a short row is missing.
 *
 * Values are category labels (`string`) or numbers. Values are compared with SameValueZero
 * (as `Map` keys), so the number `1` and the string `"1"` are different categories.
 * Nominal statistics accept any mix; ordinal needs numbers or an explicit `order`;
 * interval and ratio need finite numbers (ratio: non-negative). ±Infinity is rejected.
 */
export type Value = string | number;

/** A value cell as it may appear in the input; `null`, `undefined` and `NaN` mean missing. */
export type Cell<V extends Value = Value> = V | null | undefined;

export interface Unit<V extends Value = Value> {
  id: string;
  /** coder id → value; coders who did not code this unit are absent */
  values: ReadonlyMap<string, Cell<V>>;
}

export interface ReliabilityMatrix<V extends Value = Value> {
  /** column names: one coder per column */
  coders: readonly string[];
  /** one row per unit, `row[j]` is the value of `coders[j]` */
  units: readonly (readonly Cell<V>[])[];
  /** optional unit ids (defaults to the row index as a string) */
  unitIds?: readonly string[];
}

export type ReliabilityData<V extends Value = Value> = readonly Unit<V>[] | ReliabilityMatrix<V>;

/** Level of measurement, selecting Krippendorff's difference function δ². */
export type Level = "nominal" | "ordinal" | "interval" | "ratio";

export interface CategoryOptions<V extends Value = Value> {
  /**
   * Explicit category order (lowest first). Required for `ordinal` when values are strings;
   * when given, every value in the data must appear in it (otherwise a RangeError is thrown)
   * and result `categories` list all of it, used or not.
   * Without it, categories are numbers ascending, then strings in code-unit order.
   */
  order?: readonly V[];
}
