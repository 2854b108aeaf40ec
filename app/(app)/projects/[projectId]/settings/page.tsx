import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectSettings } from "@/server/project-settings";
import { AnnotationSettingsForm, ProjectDetailsForm, TargetsForm } from "@/components/projects/SettingsForms";
import { LabelSchemaEditor } from "@/components/projects/LabelSchemaEditor";
import { MembersManager } from "@/components/projects/MembersManager";
import { OutletAliasesForm } from "@/components/projects/OutletAliasesForm";
import { getOutletAliases } from "@/server/outlets";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/settings`);
  // Managers and site admins only: an annotator or reviewer gets a 403 page, a non-member the 404 page.
  const { project, targets, members, templates } = await orNotFound(getProjectSettings(actor, projectId));
  const { outlets } = await getOutletAliases(actor, project.id);
  const base = `/projects/${project.slug}`;
  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="muted text-sm">
          <Link href="/projects" className="hover:underline">
            Projects
          </Link>{" "}
          /{" "}
          <Link href={base} className="hover:underline">
            {project.name}
          </Link>{" "}
          / <span aria-current="page">Settings</span>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold">Settings</h1>
        <p className="mt-2 flex gap-2">
          <Link href={base} className="btn">
            Back to the project
          </Link>
          <Link href={`${base}/import`} className="btn">
            Import documents
          </Link>
        </p>
      </div>
      <ProjectDetailsForm projectId={project.id} name={project.name} description={project.description} guidelines={project.guidelines} />
      <AnnotationSettingsForm
        projectId={project.id}
        blind={project.blind}
        skipBoilerplate={project.skipBoilerplate}
        suggestions={project.suggestions}
        outletBlind={project.outletBlind}
        overlap={project.overlap}
        storyAssignment={project.storyAssignment}
      />
      <OutletAliasesForm projectId={project.id} outlets={outlets} />
      <TargetsForm projectId={project.id} targets={targets} />
      <LabelSchemaEditor
        projectId={project.id}
        schema={project.schema}
        schemaVersion={project.schemaVersion}
        templates={templates.map(({ id, name, schema }) => ({ id, name, schema }))}
      />
      <MembersManager projectId={project.id} members={members} selfId={actor.id} />
    </div>
  );
}
