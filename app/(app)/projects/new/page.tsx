import type { Metadata } from "next";
import { pageActor } from "@/server/http";
import { mayCreateProjects } from "@/server/projects";
import { TEMPLATES } from "@/lib/schema/templates";
import { CreateProjectForm } from "@/components/projects/CreateProjectForm";
import { Forbidden } from "@/components/ui/Forbidden";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  const actor = await pageActor("/projects/new");
  if (!(await mayCreateProjects(actor))) {
    return <Forbidden message="Only site admins and project managers can create projects. Ask an admin to create one for you." backHref="/projects" backLabel="Back to your projects" />;
  }
  const templates = Object.entries(TEMPLATES).map(([id, t]) => ({ id, name: t.name, description: t.description }));
  return <CreateProjectForm templates={templates} defaultTemplate="news_stance_sourcing" />;
}
