import type { GroupReport } from "@/lib/reports/aggregate";
import type { ReportLabels } from "@/lib/reports/article";
import { StackedBarChart } from "@/components/charts/StackedBarChart";
import { sideColumns } from "@/lib/reports/aggregate";

/**
 * The charts of the per-outlet, per-story and comparison pages: sentences quoting each side per
 * group, and for each target the sentences per stance value per group. The numbers are the
 * groups' figures as the tables and the downloads have them (lib/reports/aggregate.ts).
 */
export function SourcingCharts({
  groups,
  labels,
  noun,
  groupName,
}: {
  groups: readonly GroupReport[];
  labels: ReportLabels;
  /** What a bar is: "outlet" or "story". */
  noun: "outlet" | "story";
  groupName: (key: string | null) => string;
}) {
  const rows = groups.map((g) => ({ key: g.key ?? "", label: groupName(g.key) }));
  const sides = sideColumns(groups, labels);
  const stanceValues = [
    ...new Set([...Object.keys(labels.stances), ...groups.flatMap((g) => g.stance.flatMap((s) => Object.keys(s.counts)))]),
  ];
  const Noun = noun === "outlet" ? "Outlet" : "Story";
  return (
    <section aria-labelledby="charts-h" className="card space-y-8">
      <h2 id="charts-h" className="text-lg font-semibold">
        Charts
      </h2>
      <StackedBarChart
        title={`Quoted sides per ${noun}`}
        description={`One bar per ${noun}: its attributed sentences (direct quotes and paraphrases), split by the side of their source.`}
        rowHeader={Noun}
        unit="attributed sentences"
        data={{
          rows,
          series: sides.map((s) => ({ key: s.side, label: s.label })),
          values: groups.map((g) => sides.map((s) => g.sides.find((x) => x.side === s.side)?.sentences ?? 0)),
        }}
      />
      {labels.targets.map((t) =>
        // An empty chart says nothing a sentence cannot.
        groups.every((g) => !g.stance.find((s) => s.target === t.key)?.total) ? (
          <p key={t.key} className="text-sm">
            <span className="font-medium">
              Stance toward {t.name} per {noun}
            </span>
            : no sentence has a resolved stance label toward {t.name} yet.
          </p>
        ) : (
          <StackedBarChart
            key={t.key}
            title={`Stance toward ${t.name} per ${noun}`}
            description={`One bar per ${noun}: its sentences with a resolved stance label toward ${t.name}, split by that label.`}
            rowHeader={Noun}
            unit={`sentences with a stance label toward ${t.name}`}
            data={{
              rows,
              series: stanceValues.map((v) => ({ key: v, label: labels.stances[v] ?? v })),
              values: groups.map((g) => {
                const counts = g.stance.find((s) => s.target === t.key)?.counts ?? {};
                return stanceValues.map((v) => counts[v] ?? 0);
              }),
            }}
          />
        ),
      )}
    </section>
  );
}
