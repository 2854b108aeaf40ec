import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { listAuditEvents } from "@/server/audit-log";

export const metadata: Metadata = { title: "Audit log" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const q = await searchParams;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/audit`);
  const filter = { action: one(q.action), actor: one(q.actor), from: one(q.from), to: one(q.to), before: one(q.before) };
  const { access, events, next } = await orNotFound(listAuditEvents(actor, projectId, filter));
  const base = `/projects/${access.slug}/audit`;
  const nextHref = next
    ? `${base}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), before: next })}`
    : null;
  return (
    <div className="space-y-4">
      <div>
        <Link href={`/projects/${access.slug}`} className="text-sm hover:underline">
          ← Project
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Audit log</h1>
        <p className="muted text-sm">
          Every change of labels, gold labels, members, settings and documents, newest first. Times in UTC. The log is append-only.
        </p>
      </div>
      <form method="get" className="card flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <div>
          <label className="label" htmlFor="f-action">
            Action starts with
          </label>
          <input id="f-action" name="action" defaultValue={filter.action} placeholder="annotation." className="input" />
        </div>
        <div>
          <label className="label" htmlFor="f-actor">
            Who (name or email)
          </label>
          <input id="f-actor" name="actor" defaultValue={filter.actor} className="input" />
        </div>
        <div>
          <label className="label" htmlFor="f-from">
            From
          </label>
          <input id="f-from" name="from" type="date" defaultValue={filter.from} className="input" />
        </div>
        <div>
          <label className="label" htmlFor="f-to">
            To
          </label>
          <input id="f-to" name="to" type="date" defaultValue={filter.to} className="input" />
        </div>
        <button className="btn-primary">Filter</button>
        <Link href={base} className="btn">
          Clear
        </Link>
      </form>
      {events.length === 0 ? (
        <p className="card muted">No events match.</p>
      ) : (
        <table className="card w-full p-0 text-sm">
          <caption className="sr-only">Audit events</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="px-3 py-2">
                When (UTC)
              </th>
              <th scope="col" className="px-3 py-2">
                Who
              </th>
              <th scope="col" className="px-3 py-2">
                Action
              </th>
              <th scope="col" className="px-3 py-2">
                What
              </th>
              <th scope="col" className="px-3 py-2">
                Change (before → after)
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-stone-200 align-top dark:border-stone-700">
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{e.at.slice(0, 19).replace("T", " ")}</td>
                <td className="px-3 py-2">{e.who}</td>
                <td className="px-3 py-2">
                  {e.actionWords}
                  {e.actionWords !== e.action && <span className="muted block font-mono text-xs">{e.action}</span>}
                </td>
                <td className="px-3 py-2">{e.what}</td>
                <td className="px-3 py-2 text-xs">
                  {e.changes.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="space-y-0.5">
                      {e.changes.map((line, i) => (
                        <li key={i} className="font-mono break-words">
                          {line}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextHref && (
        <Link href={nextHref} className="btn">
          Older events →
        </Link>
      )}
    </div>
  );
}
