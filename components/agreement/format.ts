import type { Figure } from "@/server/agreement";

/** A coefficient with two decimals, or "—" when undefined. */
export const num = (v: number | null, digits = 2) => (v === null ? "—" : v.toFixed(digits));
export const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);

/** "undefined: only one category used" for a figure that has no value. */
export const undefinedText = (f: Figure) => (f.value === null ? `undefined: ${f.reason ?? "not enough data"}` : "");

/** Landis & Koch's bands for kappa and alpha: words, so colour is never the only signal. */
export function band(v: number | null): { word: string; className: string } {
  if (v === null) return { word: "undefined", className: "bg-stone-100 text-stone-700 dark:bg-stone-800 dark:text-stone-300" };
  if (v < 0) return { word: "poor", className: "bg-red-200 text-red-950" };
  if (v < 0.2) return { word: "slight", className: "bg-orange-200 text-orange-950" };
  if (v < 0.4) return { word: "fair", className: "bg-amber-100 text-amber-950" };
  if (v < 0.6) return { word: "moderate", className: "bg-yellow-100 text-yellow-950" };
  if (v < 0.8) return { word: "substantial", className: "bg-lime-200 text-lime-950" };
  return { word: "almost perfect", className: "bg-green-300 text-green-950" };
}
