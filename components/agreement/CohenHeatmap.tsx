import type { DimensionAgreement } from "@/server/agreement";
import { band, num } from "@/components/agreement/format";
import { ScrollRegion } from "@/components/ui/ScrollRegion";

/**
 * Cohen's kappa of every pair of annotators as a heat map: a table whose cells hold the number,
 * the band in words and the shared units, and are coloured by band (colour is never the only signal).
 */
export function CohenHeatmap({ d, names }: { d: Pick<DimensionAgreement, "label" | "pairwise">; names: Map<string, string> }) {
  const { coders, kappa, n, reason } = d.pairwise;
  if (coders.length < 2) return <p className="muted text-sm">Only one annotator has values for this variable: no pairs to compare.</p>;
  return (
    <ScrollRegion label={`Cohen's κ per pair of annotators — ${d.label}`}>
      <table className="text-sm" data-testid="cohen-heatmap">
        <caption className="mb-1 text-left font-semibold">Cohen&apos;s κ per pair of annotators — {d.label}</caption>
        <thead>
          <tr>
            <td />
            {coders.map((c) => (
              <th key={c} scope="col" className="px-2 py-1 text-left font-medium">
                {names.get(c) ?? c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {coders.map((a, i) => (
            <tr key={a}>
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {names.get(a) ?? a}
              </th>
              {coders.map((b, j) => {
                if (i === j) {
                  return (
                    <td
                      key={b}
                      className="border border-stone-200 px-3 py-2 text-center text-xs text-stone-600 dark:border-stone-700 dark:text-stone-400"
                    >
                      {n[i]![i]} units
                    </td>
                  );
                }
                const k = kappa[i]![j]!;
                const bd = band(k);
                return (
                  <td
                    key={b}
                    className={`border border-stone-200 px-3 py-2 text-center tabular-nums dark:border-stone-700 ${bd.className}`}
                    title={reason[i]![j] ?? undefined}
                  >
                    <span className="font-semibold">{num(k)}</span>
                    <span className="block text-xs">{k === null ? (reason[i]![j] ?? "undefined") : bd.word}</span>
                    <span className="block text-xs opacity-80">n = {n[i]![j]}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted mt-1 text-xs">
        Bands (Landis &amp; Koch): below 0 poor · 0–0.2 slight · 0.2–0.4 fair · 0.4–0.6 moderate · 0.6–0.8 substantial · 0.8–1 almost
        perfect. The diagonal shows how many units each annotator coded.
      </p>
    </ScrollRegion>
  );
}
