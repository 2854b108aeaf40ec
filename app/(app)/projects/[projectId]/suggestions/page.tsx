import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectOverview } from "@/server/projects";
import { enabledProviders } from "@/server/suggestions/providers";
import { suggestionRuns } from "@/server/suggestions/service";
import { suggestionAcceptance } from "@/server/suggestions/acceptance";
import { AcceptanceTable } from "@/components/suggestions/AcceptanceTable";

export const metadata: Metadata = { title: "Suggestions" };

const STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * Managers: each suggestion provider's runs on this project's documents, what went wrong, and how
 * annotators treat the suggestions (acceptance rates per rule and per dimension).
 */
export default async function SuggestionsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/suggestions`);
  const runs = await orNotFound(suggestionRuns(actor, projectId));
  const { project } = await orNotFound(getProjectOverview(actor, projectId));
  const { project: settings, rates } = await orNotFound(suggestionAcceptance(actor, projectId));
  const configured = enabledProviders().map((p) => p.id);
  const providers = [...configured, ...runs.map((r) => r.provider).filter((id) => !configured.includes(id))];
  const failed = runs.reduce((n, r) => n + r.counts.failed, 0);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${project.slug}`} className="text-sm hover:underline">
          ← Project
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Suggestions</h1>
        <p className="muted mt-1 max-w-3xl text-sm">
          Suggestion providers propose labels in the background after each import; annotators see them as ghost values, never as
          anyone&apos;s labels. A provider that fails or answers with bad output never holds up import or annotation: its run fails, nothing
          of its reply is stored, and the reason is shown here. Providers on this server: {configured.join(", ")} (set by the site&apos;s
          administrator in the environment).
        </p>
      </div>
      {!settings.suggestionsEnabled && (
        <p className="card border-l-4 border-stone-600 text-sm">
          Suggestions are <strong>off</strong> for this project (Settings → Machine suggestions): annotators do not see them and no run is
          computed; queued runs wait until they are turned on again. The rates below come from the suggestions stored before.
        </p>
      )}
      {failed > 0 && (
        <p className="card border-l-4 border-red-700 text-sm" id="suggestions-failed">
          <strong>⚠ {failed === 1 ? "1 document's suggestions failed" : `${failed} documents' suggestions failed`}.</strong> The latest
          errors are listed under each provider below.
        </p>
      )}
      <table className="card w-full p-0 text-sm">
        <caption className="sr-only">Suggestion runs per provider (one run per document)</caption>
        <thead>
          <tr className="text-left">
            <th scope="col" className="px-3 py-2">
              Provider
            </th>
            {STATUSES.map((s) => (
              <th key={s} scope="col" className="px-3 py-2 text-right">
                {s[0]!.toUpperCase() + s.slice(1)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {providers.map((id) => {
            const r = runs.find((x) => x.provider === id);
            return (
              <tr key={id} className="border-t border-stone-200 dark:border-stone-700">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {id}
                  {!configured.includes(id) && <span className="muted font-normal"> (no longer configured)</span>}
                </th>
                {STATUSES.map((s) => (
                  <td
                    key={s}
                    className={`px-3 py-2 text-right tabular-nums ${s === "failed" && r?.counts.failed ? "font-semibold text-red-800 dark:text-red-300" : ""}`}
                  >
                    {r?.counts[s] ?? 0}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {runs
        .filter((r) => r.errors.length)
        .map((r) => (
          <section key={r.provider} aria-labelledby={`errors-${r.provider}`}>
            <h2 id={`errors-${r.provider}`} className="mb-2 text-lg font-semibold">
              Errors of {r.provider}
            </h2>
            <ul className="space-y-2">
              {r.errors.map((e) => (
                <li key={`${e.documentId}-${e.at}`} className="card text-sm">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <Link href={`/projects/${project.slug}/documents/${e.documentId}`} className="font-medium hover:underline">
                      {e.title}
                    </Link>
                    <span className="muted">
                      {e.status} · <time dateTime={e.at}>{e.at.slice(0, 19).replace("T", " ")} UTC</time>
                    </span>
                  </div>
                  <p className="mt-1 font-mono text-xs break-words whitespace-pre-wrap">{e.error}</p>
                </li>
              ))}
            </ul>
          </section>
        ))}
      <p className="muted text-sm">
        To compute suggestions again (after the provider is fixed, say): <code>POST /api/v1/projects/{project.slug}/suggestions</code> with{" "}
        <code>{"{}"}</code>; the same path with GET gives these run figures as JSON.
      </p>
      <section aria-labelledby="acceptance-h" className="space-y-4">
        <div>
          <h2 id="acceptance-h" className="text-lg font-semibold">
            How annotators treat them
          </h2>
          <p className="muted mt-1 max-w-3xl text-sm">
            For each suggestion on a sentence an annotator confirmed, what that annotator&apos;s label says.{" "}
            <strong>Accepted unchanged</strong>: the suggested value, taken from the suggestion (y, or the same value chosen while it was
            shown). <strong>Overridden</strong>: another value. <strong>Rejected</strong>: the dimension left empty.{" "}
            <strong>Matched</strong>: the suggested value, given without taking it from this suggestion. Sentences nobody confirmed do not
            count yet. The dataset package carries the same figures (suggestion_acceptance.json).
          </p>
        </div>
        {rates.total.decisions === 0 ? (
          <p className="card text-sm" data-testid="acceptance-empty">
            No decisions yet: once an annotator confirms a sentence that has suggestions, the rates appear here.
          </p>
        ) : (
          <>
            <AcceptanceTable
              id="by-rule"
              caption="By rule"
              head="Provider · rule"
              rows={rates.byRule.map((r) => ({ key: `${r.provider}/${r.rule}`, name: `${r.provider} · ${r.rule}`, ...r }))}
              total={rates.total}
            />
            <AcceptanceTable
              id="by-dimension"
              caption="By dimension"
              head="Dimension"
              rows={rates.byDimension.map((r) => ({ key: r.dimension, name: settings.dimensionLabels[r.dimension] ?? r.dimension, ...r }))}
              total={rates.total}
            />
          </>
        )}
      </section>
    </div>
  );
}
