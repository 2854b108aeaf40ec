import { OUTCOMES, type AcceptanceRow, type Outcome } from "@/lib/suggest/acceptance";

const HEAD: Record<Outcome, string> = {
  accepted: "Accepted unchanged",
  overridden: "Overridden",
  rejected: "Rejected",
  matched: "Matched",
};

const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);

function Cells({ row }: { row: AcceptanceRow }) {
  return (
    <>
      <td className="px-3 py-2 text-right tabular-nums">{row.decisions}</td>
      {OUTCOMES.map((o) => (
        <td key={o} className="px-3 py-2 text-right tabular-nums">
          {row[o]} <span className="muted">({pct(row.rates[o])})</span>
        </td>
      ))}
    </>
  );
}

/** Acceptance counts and rates (share of decisions) per rule or per dimension, with the total. */
export function AcceptanceTable(p: {
  id: string;
  caption: string;
  head: string;
  rows: (AcceptanceRow & { key: string; name: string })[];
  total: AcceptanceRow;
}) {
  return (
    <section aria-labelledby={`${p.id}-h`}>
      <h3 id={`${p.id}-h`} className="mb-2 font-semibold">
        {p.caption}
      </h3>
      <table className="card w-full p-0 text-sm" data-testid={`acceptance-${p.id}`}>
        <thead>
          <tr className="text-left">
            <th scope="col" className="px-3 py-2">
              {p.head}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Decisions
            </th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col" className="px-3 py-2 text-right">
                {HEAD[o]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.key} className="border-t border-stone-200 dark:border-stone-700">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {r.name}
              </th>
              <Cells row={r} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-stone-300 font-semibold dark:border-stone-600">
            <th scope="row" className="px-3 py-2 text-left">
              All suggestions
            </th>
            <Cells row={p.total} />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
