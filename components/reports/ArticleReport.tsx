import Link from "next/link";
import type { ArticleReportView } from "@/server/reports/article";
import { sideLabel } from "@/lib/reports/article";
import { Basis, Downloads, Head, LabelPolicy, MissingRoles, num, td, th } from "./parts";
import { oneDecimal, pct, signed } from "./format";

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="card overflow-x-auto">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The per-article sourcing report: every figure in a table with a caption and the labels it rests on. */
export function ArticleReport({ view, reportPath }: { view: ArticleReportView; reportPath: string }) {
  const { report: r, dimensions: dims, labels } = view;
  const hasLabels = [r.attributed.basis, r.loaded.basis, ...r.stance.map((s) => s.basis)].some(
    (b) => b.gold + b.majority + b.annotator > 0,
  );
  const api = `/api/v1/projects/${view.project.slug}/documents/${r.document.id}/report`;
  const who = view.annotator ? `&annotator=${encodeURIComponent(view.annotator.id)}` : "";
  const typeName = (t: string | null) => (t === null ? "–" : (labels.types[t] ?? t));
  return (
    <div className="space-y-6">
      <LabelPolicy path={reportPath} annotator={view.annotator} annotators={view.annotators}>
        <Downloads api={api} query={who.slice(1)} csv="one row per source" />
      </LabelPolicy>

      <MissingRoles dims={dims} />

      {!hasLabels ? (
        <p className="card muted">
          No sentence of this article has confirmed labels yet. The report fills in as annotators confirm sentences (or reviewers set gold
          labels).
        </p>
      ) : (
        <>
          <section aria-labelledby="summary-h" className="card">
            <h2 id="summary-h" className="sr-only">
              Summary
            </h2>
            <p className="text-base">{r.summary}</p>
          </section>

          {dims.sourcing && (
            <Section id="sources-h" title={`Sources (${r.sources.length})`}>
              {r.sources.length === 0 ? (
                <p className="muted text-sm">No sentence quotes or paraphrases a source.</p>
              ) : (
                <table className="w-full text-sm">
                  <caption className="sr-only">Every source with the sentences and words attributed to it, direct and paraphrased</caption>
                  <Head
                    columns={[
                      ["Source"],
                      ["Type"],
                      ["Side"],
                      ["Sentences", true],
                      ["Words", true],
                      ["Direct (sentences / words)", true],
                      ["Paraphrased (sentences / words)", true],
                      ["Sentence numbers"],
                      ["Labels"],
                    ]}
                  />
                  <tbody>
                    {r.sources.map((s) => (
                      <tr key={s.key}>
                        <th scope="row" className={`${td} text-left font-medium`}>
                          {s.name ?? <em className="font-normal">Unnamed source</em>}
                          {s.entry && <LedgerNames names={s.names} />}
                        </th>
                        <td className={td}>
                          {typeName(s.type)}
                          {s.types.length > 1 && (
                            <span className="muted block text-xs">labels differ: {s.types.map(typeName).join(", ")}</span>
                          )}
                          {s.entry?.typeDiffers && <LedgerDiffers value={typeName(s.entry.type)} />}
                        </td>
                        <td className={td}>
                          {s.side === null ? "–" : sideLabel(labels, s.side)}
                          {s.sides.length > 1 && (
                            <span className="muted block text-xs">
                              labels differ: {s.sides.map((x) => sideLabel(labels, x)).join(", ")}
                            </span>
                          )}
                          {s.entry?.sideDiffers && <LedgerDiffers value={sideLabel(labels, s.entry.side!)} />}
                        </td>
                        <td className={num}>{s.sentences}</td>
                        <td className={num}>{s.words}</td>
                        <td className={num}>
                          {s.direct.sentences} / {s.direct.words}
                        </td>
                        <td className={num}>
                          {s.paraphrased.sentences} / {s.paraphrased.words}
                        </td>
                        <td className={td}>{s.sentenceIndexes.map((i) => i + 1).join(", ")}</td>
                        <td className={td}>
                          <Basis basis={s.basis} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
          )}

          {dims.sourcing && (
            <Section id="sides-h" title="Quoted sides">
              <table className="w-full text-sm">
                <caption className="sr-only">
                  Shares of the {r.attributed.sentences} attributed sentences ({r.attributed.words} words) per side
                </caption>
                <Head
                  columns={[
                    ["Side"],
                    ["Attributed sentences", true],
                    ["Share of sentences", true],
                    ["Words", true],
                    ["Share of words", true],
                    ["Distinct sources", true],
                    ["Direct / paraphrased", true],
                    ["Labels"],
                  ]}
                />
                <tbody>
                  {r.sides.map((s) => (
                    <tr key={s.side}>
                      <th scope="row" className={`${td} text-left font-medium`}>
                        {s.label}
                      </th>
                      <td className={num}>{s.sentences}</td>
                      <td className={num}>{pct(s.sentenceShare)}</td>
                      <td className={num}>{s.words}</td>
                      <td className={num}>{pct(s.wordShare)}</td>
                      <td className={num}>{s.sources}</td>
                      <td className={num}>
                        {s.direct} / {s.paraphrased}
                      </td>
                      <td className={td}>
                        <Basis basis={s.basis} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-2 text-sm">
                Unattributed claims: <strong>{r.unattributed.sentences}</strong> sentences, {r.unattributed.words} words{" "}
                <Basis basis={r.unattributed.basis} />
                {r.unresolvedSourcing > 0 && <> · {r.unresolvedSourcing} sentences without a resolved sourcing label</>}
              </p>
              {r.unattributed.examples.length > 0 && (
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer">The unattributed claims</summary>
                  <ol className="mt-1 list-none space-y-1 pl-0">
                    {r.unattributed.examples.map((e) => (
                      <li key={e.index}>
                        <span className="muted">{e.index + 1}.</span> {e.text}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </Section>
          )}

          {dims.stance && (
            <Section id="stance-h" title="Stance per target">
              <StanceTable view={view} />
            </Section>
          )}

          {dims.loadedLanguage && (
            <Section id="loaded-h" title="Loaded language">
              <p className="text-sm">
                <strong>{r.loaded.spans}</strong> loaded-language spans covering {r.loaded.words} of {r.words} words:{" "}
                <strong>{oneDecimal(r.loaded.per100Words)}</strong> spans per 100 words <Basis basis={r.loaded.basis} />
              </p>
            </Section>
          )}
        </>
      )}
      <p className="muted text-sm">
        <Link href={`/projects/${view.project.slug}/review/${r.document.id}`} className="underline">
          Review this document
        </Link>{" "}
        to adjudicate labels: gold labels replace the majority in this report.
      </p>
    </div>
  );
}

function StanceTable({ view }: { view: ArticleReportView }) {
  const { report: r, labels } = view;
  const values = Object.keys(labels.stances);
  const extra = [...new Set(r.stance.flatMap((s) => Object.keys(s.counts)))].filter((v) => !values.includes(v));
  const columns = [...values, ...extra];
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Sentences per stance value toward each target, and the net score from −1 to +1</caption>
      <thead>
        <tr>
          <th scope="col" className={th}>
            Target
          </th>
          {columns.map((v) => (
            <th key={v} scope="col" className={`${th} text-right`}>
              {labels.stances[v] ?? v}
            </th>
          ))}
          <th scope="col" className={`${th} text-right`}>
            Net score
          </th>
          <th scope="col" className={th}>
            Labels
          </th>
        </tr>
      </thead>
      <tbody>
        {r.stance.map((s) => (
          <tr key={s.target}>
            <th scope="row" className={`${td} text-left font-medium`}>
              {s.label}
            </th>
            {columns.map((v) => (
              <td key={v} className={num}>
                {s.counts[v] ?? 0}
              </td>
            ))}
            <td className={num}>{signed(s.net)}</td>
            <td className={td}>
              <Basis basis={s.basis} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A source grouped by the ledger: the names the labels wrote. */
function LedgerNames({ names }: { names: string[] }) {
  return <span className="muted block text-xs font-normal">source ledger entry; labels wrote: {names.join(", ")}</span>;
}

/** Where the annotators' type or side of a source differs from its ledger entry's (words, not colour alone). */
function LedgerDiffers({ value }: { value: string }) {
  return (
    <span className="block text-xs">
      <span aria-hidden="true">⚠ </span>the ledger says {value}
    </span>
  );
}
