import type { DimensionAgreement } from "@/server/agreement";

/** Confusion matrix of one pair of annotators: rows the first, columns the second; the diagonal is agreement. */
export function ConfusionTable({
  d,
  pair,
  names,
}: {
  d: DimensionAgreement;
  pair: DimensionAgreement["confusion"][number];
  names: Map<string, string>;
}) {
  const a = names.get(pair.a) ?? pair.a;
  const b = names.get(pair.b) ?? pair.b;
  // Only categories either annotator used, so the table stays readable.
  const used = d.categories.map((_, i) => i).filter((i) => pair.counts[i]!.some((x) => x > 0) || pair.counts.some((row) => row[i]! > 0));
  return (
    <div className="overflow-x-auto">
      <table className="text-sm" data-testid="confusion-matrix">
        <caption className="mb-1 text-left font-semibold">
          {d.label}: {a} (rows) × {b} (columns), {pair.n} units coded by both
        </caption>
        <thead>
          <tr>
            <td />
            {used.map((i) => (
              <th key={i} scope="col" className="px-2 py-1 text-left font-medium">
                {d.categories[i]!.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {used.map((r) => (
            <tr key={r}>
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {d.categories[r]!.label}
              </th>
              {used.map((c) => {
                const v = pair.counts[r]![c]!;
                return (
                  <td
                    key={c}
                    className={`border border-stone-200 px-3 py-1 text-right tabular-nums dark:border-stone-700 ${r === c ? "bg-green-50 font-semibold dark:bg-green-950" : v > 0 ? "bg-red-50 dark:bg-red-950" : ""}`}
                  >
                    {v}
                    {r === c && v > 0 && <span className="sr-only"> (agree)</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
