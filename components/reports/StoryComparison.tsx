import Link from "next/link";
import type { StoryComparison as Comparison } from "@/lib/reports/compare";
import type { ReportLabels } from "@/lib/reports/article";
import { sideLabel } from "@/lib/reports/article";
import { Basis, Head, num, td } from "./parts";
import { sideColumns } from "@/lib/reports/aggregate";
import { signed } from "./format";
import { SourcingCharts } from "./SourcingCharts";

const outletName = (o: string | null) => o ?? "No outlet given";

/** One story's outlets side by side, then the named sources one outlet quotes and another does not. */
export function StoryComparison({
  comparison: c,
  labels,
  projectSlug,
}: {
  comparison: Comparison;
  labels: ReportLabels;
  projectSlug: string;
}) {
  const sides = sideColumns(c.outlets, labels);
  return (
    <div className="space-y-6">
      {c.outlets.length < 2 && (
        <p className="card text-sm" role="note">
          Only one outlet tells this story so far: set the same story on another outlet&apos;s article to compare them.
        </p>
      )}
      <section aria-labelledby="outlets-h" className="card overflow-x-auto">
        <h2 id="outlets-h" className="mb-2 text-lg font-semibold">
          The outlets side by side
        </h2>
        <table className="w-full text-sm">
          <caption className="sr-only">
            Per outlet: its articles, the first source it quotes and that source&apos;s side, sentences quoting each side, and the net
            stance toward each target
          </caption>
          <Head
            columns={[
              ["Outlet"],
              ["Articles"],
              ["First quoted source"],
              ...sides.map((s): [string, boolean] => [`Quoting ${s.label}`, true]),
              ...labels.targets.map((t): [string, boolean] => [`Net stance: ${t.name}`, true]),
              ["Labels"],
            ]}
          />
          <tbody>
            {c.outlets.map((o) => (
              <tr key={o.key ?? ""}>
                <th scope="row" className={`${td} text-left font-medium`}>
                  {outletName(o.key)}
                </th>
                <td className={td}>
                  <ul>
                    {o.documents.map((d) => (
                      <li key={d.id}>
                        <Link className="underline" href={`/projects/${projectSlug}/documents/${d.id}/report`}>
                          {d.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className={td}>
                  {o.firstSource ? (
                    <>
                      {o.firstSource.name ?? <em>Unnamed source</em>}{" "}
                      <span className="muted">({o.firstSource.sideLabel ?? "side not given"})</span>
                    </>
                  ) : (
                    "–"
                  )}
                </td>
                {sides.map((s) => (
                  <td key={s.side} className={num}>
                    {o.sides.find((x) => x.side === s.side)?.sentences ?? 0}
                  </td>
                ))}
                {labels.targets.map((t) => (
                  <td key={t.key} className={num}>
                    {signed(o.stance.find((x) => x.target === t.key)?.net ?? null)}
                  </td>
                ))}
                <td className={td}>
                  <Basis basis={o.attributed.basis} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SourcingCharts groups={c.outlets} labels={labels} noun="outlet" groupName={outletName} />
      <section aria-labelledby="omissions-h" className="card overflow-x-auto">
        <h2 id="omissions-h" className="mb-1 text-lg font-semibold">
          Sources quoted by one outlet and absent from another
        </h2>
        <p className="muted mb-2 text-sm">
          Candidate omissions, for a person to judge. Names the source ledger knows are compared by their ledger entry, so aliases count as
          one source; other names as written (case, accents and spacing aside), so a person under two names the ledger does not link yet
          shows here twice. Link them on the{" "}
          <Link className="underline" href={`/projects/${projectSlug}/sources`}>
            Sources page
          </Link>
          .
        </p>
        {c.omissions.length === 0 ? (
          <p className="text-sm">Every named source is quoted by every outlet of this story.</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Named sources some outlets quote and others do not</caption>
            <Head columns={[["Source"], ["Side"], ["Quoted by"], ["Absent from"]]} />
            <tbody>
              {c.omissions.map((m) => (
                <tr key={m.key}>
                  <th scope="row" className={`${td} text-left font-medium`}>
                    {m.name}
                  </th>
                  <td className={td}>{m.side === null ? "–" : sideLabel(labels, m.side)}</td>
                  <td className={td}>
                    {m.quotedBy.map((q) => `${outletName(q.outlet)} (${q.sentences} sentence${q.sentences === 1 ? "" : "s"})`).join(", ")}
                  </td>
                  <td className={td}>{m.absentFrom.map(outletName).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
