/**
 * CSV writing for exports: RFC 4180 records. Cells are written exactly as given (research data:
 * `text[start:end]` must hold); formula neutralisation is an explicit option for files meant to
 * be opened in spreadsheet software.
 */

/** Prepend to a file so Excel reads it as UTF-8. */
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula-injection guard (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, tab
 * or carriage return gets a leading `'`, so spreadsheets show it as text instead of evaluating it.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvRowOptions {
  /** Apply neutraliseFormula to string cells (default false: text stays exact). Numbers and booleans are never changed. */
  neutralise?: boolean;
}

function field(value: CsvValue, neutralise: boolean): string {
  if (value === null || value === undefined) return "";
  let s: string;
  if (typeof value === "number") s = Number.isFinite(value) ? String(value) : "";
  else if (typeof value === "boolean") s = value ? "true" : "false";
  else s = neutralise ? neutraliseFormula(value) : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One RFC 4180 record ending with "\r\n"; null and undefined are empty cells. */
export function csvRow(values: readonly CsvValue[], options: CsvRowOptions = {}): string {
  const neutralise = options.neutralise ?? false;
  return `${values.map((v) => field(v, neutralise)).join(",")}\r\n`;
}
