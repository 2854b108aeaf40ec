import Link from "next/link";
import { sideColumns, type GroupReport } from "@/lib/reports/aggregate";
import type { ReportLabels } from "@/lib/reports/article";
import { Basis, Head, num, td } from "./parts";
import { oneDecimal, pct, signed } from "./format";
import { SourcingCharts } from "./SourcingCharts";

const noGroup = (by: "outlet" | "story") => (by === "outlet" ? "No outlet given" : "No story");

/** Per-outlet or per-story figures side by side: one row per group, every figure with the labels it rests on. */
export function GroupReports({
  groups,
  by,
  labels,
  projectSlug,
  annotatorQuery,
}: {
  groups: GroupReport[];
  by: "outlet" | "story";
  labels: ReportLabels;
  projectSlug: string;
  annotatorQuery: string;
}) {
  if (!groups.length) return <p className="card muted">No documents yet.</p>;
  const sides = sideColumns(groups, labels);
  return (
    <div className="space-y-6">
      <section aria-labelledby="groups-h" className="card overflow-x-auto">
        <h2 id="groups-h" className="mb-2 text-lg font-semibold">
          Quoted sides and stance per {by}
        </h2>
        <table className="w-full text-sm">
          <caption className="sr-only">
            Per {by}: articles, attributed sentences, sentences quoting each side (and their share), unattributed claims, loaded language
            and the net stance toward each target
          </caption>
          <Head
            columns={[
              [by === "outlet" ? "Outlet" : "Story"],
              ["Articles", true],
              ["Attributed sentences", true],
              ...sides.map((s): [string, boolean] => [`Quoting ${s.label}`, true]),
              ["Unattributed claims", true],
              ["Loaded spans per 100 words", true],
              ...labels.targets.map((t): [string, boolean] => [`Net stance: ${t.name}`, true]),
              ["Labels"],
            ]}
          />
          <tbody>
            {groups.map((g) => {
              const name = g.key ?? noGroup(by);
              return (
                <tr key={g.key ?? ""}>
                  <th scope="row" className={`${td} text-left font-medium`}>
                    {by === "story" && g.key !== null ? (
                      <Link
                        className="underline"
                        href={`/projects/${projectSlug}/reports/comparison?story=${encodeURIComponent(g.key)}${annotatorQuery}`}
                      >
                        {name}
                      </Link>
                    ) : (
                      name
                    )}
                  </th>
                  <td className={num}>{g.documents.length}</td>
                  <td className={num}>{g.attributed.sentences}</td>
                  {sides.map((s) => {
                    const row = g.sides.find((x) => x.side === s.side);
                    return (
                      <td key={s.side} className={num}>
                        {row?.sentences ?? 0} ({pct(row?.sentenceShare ?? 0)})
                      </td>
                    );
                  })}
                  <td className={num}>{g.unattributed.sentences}</td>
                  <td className={num}>{oneDecimal(g.loaded.per100Words)}</td>
                  {labels.targets.map((t) => (
                    <td key={t.key} className={num}>
                      {signed(g.stance.find((x) => x.target === t.key)?.net ?? null)}
                    </td>
                  ))}
                  <td className={td}>
                    <Basis basis={g.attributed.basis} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted mt-2 text-xs">
          Net stance: (favorable − unfavorable) / sentences with a stance toward the target, from −1 to +1; – when no sentence takes one.
        </p>
      </section>
      <SourcingCharts groups={groups} labels={labels} noun={by} groupName={(k) => k ?? noGroup(by)} />
      <section aria-labelledby="summaries-h" className="card">
        <h2 id="summaries-h" className="mb-2 text-lg font-semibold">
          In one line
        </h2>
        <dl className="space-y-2 text-sm">
          {groups.map((g) => (
            <div key={g.key ?? ""}>
              <dt className="font-medium">{g.key ?? noGroup(by)}</dt>
              <dd>{g.summary}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
