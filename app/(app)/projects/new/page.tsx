import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { pageActor } from "@/server/http";
import { mayCreateProjects } from "@/server/projects";
import { DEFAULT_TEMPLATE_ID, TEMPLATES } from "@/lib/schema/templates";
import { CreateProjectForm } from "@/components/projects/CreateProjectForm";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  const actor = await pageActor("/projects/new");
  // Only site admins and project managers create projects.
  if (!(await mayCreateProjects(actor))) forbidden();
  const templates = Object.entries(TEMPLATES).map(([id, t]) => ({ id, name: t.name, description: t.description }));
  return <CreateProjectForm templates={templates} defaultTemplate={DEFAULT_TEMPLATE_ID} />;
}
