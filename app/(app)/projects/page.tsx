import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/server/http";
import { listProjects, mayCreateProjects } from "@/server/projects";

export const metadata: Metadata = { title: "Projects" };

const roleLabel = { MANAGER: "Manager", REVIEWER: "Reviewer", ANNOTATOR: "Annotator" } as const;

export default async function ProjectsPage() {
  const actor = await pageActor("/projects");
  const [projects, canCreate] = await Promise.all([listProjects(actor), mayCreateProjects(actor)]);
  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Projects</h1>
        {canCreate && (
          <Link href="/projects/new" className="btn-primary">
            New project
          </Link>
        )}
      </div>
      {projects.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">No projects yet</p>
          <p className="muted mt-1 text-sm">
            {canCreate ? "Create the first one with New project." : "Ask a project manager to add you to a project."}
          </p>
        </div>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Your projects">
          {projects.map((p) => (
            <li key={p.id} className="card">
              <Link href={`/projects/${p.slug}`} className="text-lg font-medium hover:underline">
                {p.name}
              </Link>
              {p.description && <p className="muted mt-1 line-clamp-2 text-sm">{p.description}</p>}
              <p className="muted mt-2 text-xs">
                {roleLabel[p.role]} · {p.documentCount} document{p.documentCount === 1 ? "" : "s"} · {p.memberCount} member
                {p.memberCount === 1 ? "" : "s"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
