import type { ProjectQuality } from "@/server/quality";
import type { VariableQuality } from "@/lib/quality/annotators";
import { CohenHeatmap } from "@/components/agreement/CohenHeatmap";
import { pct } from "@/components/agreement/format";
import { ScrollRegion } from "@/components/ui/ScrollRegion";

const rateText = (r: { value: number | null; hits: number; n: number }) =>
  r.value === null ? "— (no sentences)" : `${pct(r.value)} (${r.hits}/${r.n})`;
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);
const share = (c: number, total: number) => (total ? `${Math.round((c / total) * 100)} %` : "—");

/** κ per pair in the shape CohenHeatmap draws, with the reason a κ is undefined. */
function pairwise(v: VariableQuality, ids: string[]) {
  const rated = ids.map((_, i) => v.kappaN[i]![i]! > 0);
  const keep = ids.flatMap((_, i) => (rated[i] ? [i] : []));
  return {
    coders: keep.map((i) => ids[i]!),
    kappa: keep.map((i) => keep.map((j) => v.kappa[i]![j]!)),
    n: keep.map((i) => keep.map((j) => v.kappaN[i]![j]!)),
    reason: keep.map((i) =>
      keep.map((j) =>
        i === j || v.kappa[i]![j] !== null
          ? null
          : v.kappaN[i]![j] === 0
            ? "no units coded by both"
            : "only one category used: expected agreement is 1",
      ),
    ),
  };
}

/** The quality page: per annotator overall, then per variable (gold, majority, distribution, κ matrix). */
export function QualityView({ data }: { data: ProjectQuality }) {
  const ids = data.annotators.map((a) => a.id);
  const names = new Map(data.annotators.map((a) => [a.id, a.name]));
  const base = `/api/v1/projects/${data.project.slug}/quality`;
  if (!data.annotators.length) {
    return (
      <p className="card" data-testid="quality-empty">
        Nobody has labelled or confirmed a sentence yet: there is nothing to measure.
      </p>
    );
  }
  return (
    <div className="space-y-8">
      <section className="card text-sm" aria-labelledby="how-read">
        <h2 id="how-read" className="mb-2 font-semibold">
          How to read these figures
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong>Agreement with gold</strong>: the share of sentences with adjudicated gold ({data.goldSentences} sentence
            {data.goldSentences === 1 ? "" : "s"}) where the annotator gave the gold value. A per-target stance left empty on a confirmed
            sentence counts as &ldquo;none&rdquo;.
          </li>
          <li>
            <strong>Agreement with the majority</strong>: the share of sentences where the annotator gave the value more than half of the{" "}
            <em>other</em> annotators of that sentence gave. The annotator&apos;s own vote is left out of the majority; with one other
            annotator the majority is theirs; sentences where the others tie are not counted.
          </li>
          <li>
            <strong>Time per sentence</strong>: measured in the workspace while a sentence is current and not yet confirmed (a gap over 60 s
            without input counts as 60 s). Share under {data.timeFloorMs / 1000} s: sentences done faster than anyone can read and label
            them.
          </li>
          <li>
            <strong>Confirmation rate</strong>: sentences confirmed, of the sentences the annotator gave any label or confirmation.
          </li>
          <li>Only sentences the annotator confirmed count (boilerplate left out), as for the agreement page.</li>
        </ul>
        <p className="mt-2">
          Download: <a href={`${base}?format=csv`}>CSV</a> (one row per annotator and dimension) · <a href={`${base}?download=1`}>JSON</a>
        </p>
      </section>

      <section aria-labelledby="per-annotator">
        <h2 id="per-annotator" className="mb-2 text-lg font-semibold">
          Per annotator
        </h2>
        <ScrollRegion label="Figures per annotator">
          <table className="w-full text-sm" data-testid="quality-annotators">
            <thead>
              <tr className="text-left">
                <th scope="col">Annotator</th>
                <th scope="col">Agreement with gold (all dimensions)</th>
                <th scope="col">Median time per sentence</th>
                <th scope="col">Under {data.timeFloorMs / 1000} s</th>
                <th scope="col">Confirmation rate</th>
              </tr>
            </thead>
            <tbody>
              {data.annotators.map((a) => (
                <tr key={a.id} className="border-t border-stone-200 dark:border-stone-700">
                  <th scope="row" className="py-1 text-left font-medium">
                    {a.name}
                  </th>
                  <td>{rateText(a.gold)}</td>
                  <td>
                    {seconds(a.time.medianMs)}
                    {a.time.sentences ? ` over ${a.time.sentences} sentence${a.time.sentences === 1 ? "" : "s"}` : ""}
                  </td>
                  <td>{rateText(a.time.fasterThanFloor)}</td>
                  <td>{rateText(a.confirmation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      {data.variables.map((v) => {
        const teamTotal = v.teamCounts.reduce((x, y) => x + y, 0);
        return (
          <section key={v.key} aria-labelledby={`var-${v.key}`} className="space-y-3" data-testid={`quality-variable-${v.key}`}>
            <h2 id={`var-${v.key}`} className="text-lg font-semibold">
              {v.label}
            </h2>
            <ScrollRegion label={`${v.label}: agreement and labels per annotator`}>
              <table className="w-full text-sm">
                <thead>
                  <tr className="text-left">
                    <th scope="col">Annotator</th>
                    <th scope="col">With gold</th>
                    <th scope="col">With the others&apos; majority</th>
                    {v.categories.map((c) => (
                      <th scope="col" key={c.id}>
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {v.annotators.map((q) => {
                    const total = q.counts.reduce((x, y) => x + y, 0);
                    return (
                      <tr key={q.annotator} className="border-t border-stone-200 dark:border-stone-700">
                        <th scope="row" className="py-1 text-left font-medium">
                          {names.get(q.annotator)}
                        </th>
                        <td>{rateText(q.gold)}</td>
                        <td>{rateText(q.majority)}</td>
                        {q.counts.map((c, k) => (
                          <td key={v.categories[k]!.id}>
                            {share(c, total)} <span className="muted">({c})</span>
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                  <tr className="border-t-2 border-stone-300 dark:border-stone-600">
                    <th scope="row" className="py-1 text-left font-medium">
                      Team
                    </th>
                    <td />
                    <td />
                    {v.teamCounts.map((c, k) => (
                      <td key={v.categories[k]!.id}>
                        {share(c, teamTotal)} <span className="muted">({c})</span>
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </ScrollRegion>
            <CohenHeatmap d={{ label: v.label, pairwise: pairwise(v, ids) }} names={names} />
          </section>
        );
      })}
    </div>
  );
}
