"use client";

import { useMemo, useState } from "react";
import type { DimensionAgreement, ProjectAgreement } from "@/server/agreement";
import { FigureCell } from "@/components/agreement/FigureCell";
import { CohenHeatmap } from "@/components/agreement/CohenHeatmap";
import { ConfusionTable } from "@/components/agreement/ConfusionTable";
import { Explanations } from "@/components/agreement/Explanations";
import { num } from "@/components/agreement/format";

/** What Fleiss' κ was computed over: "12 units, 3 left out (a single rating: …)". */
function fleissUnits(f: DimensionAgreement["fleiss"]) {
  const used = `${f.unitsUsed} unit${f.unitsUsed === 1 ? "" : "s"}`;
  return f.unitsExcluded ? `${used}, ${f.unitsExcluded} left out (${f.excludedReason})` : used;
}

/** The agreement page: a table per variable, pairwise Cohen and confusion for a chosen variable and pair, per document. */
export function AgreementView({ data }: { data: ProjectAgreement }) {
  const names = useMemo(() => new Map(data.coders.map((c) => [c.id, c.name])), [data.coders]);
  const [key, setKey] = useState(data.dimensions[0]?.key ?? "");
  const d = data.dimensions.find((x) => x.key === key) ?? data.dimensions[0];
  const [pairIdx, setPairIdx] = useState(0);
  const pair = d?.confusion[Math.min(pairIdx, (d?.confusion.length ?? 1) - 1)];

  if (!data.enoughData || !d) {
    return (
      <>
        <div className="card mb-6" data-testid="agreement-empty">
          <h2 className="text-lg font-semibold">Not enough data yet</h2>
          <p className="muted mt-1 text-sm">
            Agreement needs at least two annotators who confirmed the same sentences. So far no sentence (other than boilerplate) has been
            confirmed by two people.
          </p>
        </div>
        <Explanations />
      </>
    );
  }
  return (
    <div className="space-y-8">
      <section aria-labelledby="summary-h">
        <h2 id="summary-h" className="mb-1 text-lg font-semibold">
          Agreement per variable
        </h2>
        <p className="muted mb-2 text-sm">
          {data.sentences} sentence{data.sentences === 1 ? "" : "s"} confirmed by two or more of {data.coders.length} annotators (
          {data.coders.map((c) => c.name).join(", ")}).
        </p>
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-sm" data-testid="agreement-table">
            <caption className="sr-only">Agreement figures per variable</caption>
            <thead className="border-b border-stone-200 text-left dark:border-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Variable
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Krippendorff&apos;s α
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Fleiss&apos; κ
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  % agreement
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Units (pairable / all)
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Coders
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200 dark:divide-stone-700">
              {data.dimensions.map((x) => (
                <tr
                  key={x.key}
                  aria-current={x.key === d.key ? "true" : undefined}
                  className={x.key === d.key ? "bg-amber-50 dark:bg-amber-950/40" : ""}
                >
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <button
                      type="button"
                      className="text-left hover:underline"
                      onClick={() => setKey(x.key)}
                      aria-label={`Show details of ${x.label}`}
                    >
                      {x.key === d.key && <span aria-hidden>▶ </span>}
                      {x.label}
                    </button>
                    <span className="muted block text-xs">per {x.unit}</span>
                  </th>
                  <FigureCell f={x.alpha} />
                  <FigureCell f={x.fleiss} note={fleissUnits(x.fleiss)} />
                  <FigureCell f={x.percentAgreement} percent />
                  <td className="px-3 py-2 text-right tabular-nums">
                    {x.pairableUnits} / {x.units}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{x.coders.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="detail-h" className="space-y-4">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="detail-h" className="text-lg font-semibold">
            Pairs of annotators
          </h2>
          <label className="text-sm">
            <span className="label">Variable</span>
            <select className="input" value={d.key} onChange={(e) => setKey(e.target.value)}>
              {data.dimensions.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          {d.confusion.length > 0 && (
            <label className="text-sm">
              <span className="label">Pair for the confusion matrix</span>
              <select
                className="input"
                value={Math.min(pairIdx, d.confusion.length - 1)}
                onChange={(e) => setPairIdx(Number(e.target.value))}
              >
                {d.confusion.map((p, i) => (
                  <option key={`${p.a}-${p.b}`} value={i}>
                    {names.get(p.a)} × {names.get(p.b)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <CohenHeatmap d={d} names={names} />
        {pair ? (
          <ConfusionTable d={d} pair={pair} names={names} />
        ) : (
          <p className="muted text-sm">No pair of annotators coded the same units of this variable.</p>
        )}
      </section>

      <section aria-labelledby="docs-h">
        <h2 id="docs-h" className="mb-2 text-lg font-semibold">
          Krippendorff&apos;s α per document
        </h2>
        <div className="card overflow-x-auto p-0">
          <table className="text-sm" data-testid="agreement-documents">
            <caption className="sr-only">
              Krippendorff&apos;s alpha per document and variable; — means undefined (hover for the reason)
            </caption>
            <thead className="border-b border-stone-200 text-left dark:border-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Document
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Sentences
                </th>
                {data.dimensions.map((x) => (
                  <th key={x.key} scope="col" className="px-3 py-2 text-right font-medium">
                    {x.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200 dark:divide-stone-700">
              {data.documents.map((doc) => (
                <tr key={doc.id}>
                  <th scope="row" className="max-w-64 truncate px-3 py-2 text-left font-medium" title={doc.title}>
                    {doc.title}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{doc.sentences}</td>
                  {data.dimensions.map((x) => {
                    const f = doc.alpha[x.key]!;
                    return (
                      <td key={x.key} className="px-3 py-2 text-right tabular-nums" title={f.reason ? `undefined: ${f.reason}` : undefined}>
                        {num(f.value)}
                        {f.value === null && <span className="sr-only">, undefined: {f.reason}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <Explanations />
    </div>
  );
}
