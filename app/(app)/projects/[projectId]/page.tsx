import type { Metadata } from "next";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectOverview } from "@/server/projects";

export const metadata: Metadata = { title: "Project" };

const roleLabel = { MANAGER: "Manager", REVIEWER: "Reviewer", ANNOTATOR: "Annotator" } as const;

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}`);
  const { project, access } = await orNotFound(getProjectOverview(actor, projectId));
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold">{project.name}</h1>
        {project.description && <p className="muted mt-1 max-w-3xl">{project.description}</p>}
        <p className="muted mt-2 text-sm">
          Your role: <strong>{roleLabel[access.role]}</strong>
          {access.viaAdmin ? " (as site admin)" : ""}
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="docs-h" className="lg:col-span-2">
          <h2 id="docs-h" className="mb-2 text-lg font-semibold">
            Documents <span className="muted text-sm font-normal">({project.documents.length})</span>
          </h2>
          {project.documents.length === 0 ? (
            <p className="card muted text-sm">No documents yet.</p>
          ) : (
            <ul className="card divide-y divide-stone-200 p-0 dark:divide-stone-700">
              {project.documents.map((d) => (
                <li key={d.id} className="px-4 py-3">
                  <div className="font-medium">{d.title}</div>
                  <div className="muted text-xs">
                    {[d.outlet, d.publishedAt?.toISOString().slice(0, 10), `${d._count.segments} segments`].filter(Boolean).join(" · ")}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside className="space-y-6">
          <section aria-labelledby="targets-h">
            <h2 id="targets-h" className="mb-2 text-lg font-semibold">
              Targets
            </h2>
            {project.targets.length === 0 ? (
              <p className="muted text-sm">No targets.</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {project.targets.map((t) => (
                  <li key={t.id} className="rounded-full border border-stone-300 px-3 py-0.5 text-sm dark:border-stone-600">
                    {t.name}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="members-h">
            <h2 id="members-h" className="mb-2 text-lg font-semibold">
              Members
            </h2>
            <ul className="card divide-y divide-stone-200 p-0 text-sm dark:divide-stone-700">
              {project.members.map((m) => (
                <li key={m.id} className="flex items-center justify-between px-4 py-2">
                  <span>
                    {m.user.name} <span className="muted">({m.user.email})</span>
                    {m.user.disabled && <span className="ml-1 text-xs text-red-700 dark:text-red-300">disabled</span>}
                  </span>
                  <span className="muted">{roleLabel[m.role]}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </>
  );
}
