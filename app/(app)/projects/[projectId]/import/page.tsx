import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectOverview } from "@/server/projects";
import { checkImportAccess, listImportJobs } from "@/server/imports";
import { ImportForm } from "@/components/import/ImportForm";
import { RecentImports } from "@/components/import/RecentImports";

export const metadata: Metadata = { title: "Import documents" };

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/import`);
  const { project } = await orNotFound(getProjectOverview(actor, projectId));
  // Managers only: others get the 403 page.
  await orNotFound(checkImportAccess(actor, project.id));
  const projectHref = `/projects/${project.slug}`;
  const header = (
    <div className="mb-6">
      <p className="text-sm">
        <Link href={projectHref} className="hover:underline">
          ← {project.name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">Import documents</h1>
    </div>
  );
  const jobs = await listImportJobs(actor, project.id, { limit: 10 });
  return (
    <>
      {header}
      <div className="space-y-8">
        <ImportForm projectRef={project.slug} projectHref={projectHref} />
        <RecentImports jobs={jobs} />
      </div>
    </>
  );
}
