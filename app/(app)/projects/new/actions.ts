"use server";

import { authenticatedAction, formJson, formText } from "@/server/action";
import { createProject } from "@/server/projects";
import { createProjectInput } from "@/lib/validation/projects";

export const createProjectAction = authenticatedAction({
  name: "create project",
  schema: createProjectInput,
  input: (form) => ({
    name: formText(form, "name"),
    slug: formText(form, "slug").trim() || undefined,
    description: formText(form, "description"),
    guidelines: formText(form, "guidelines"),
    targets: formJson(form, "targets") ?? [],
    template: formText(form, "template") || undefined,
  }),
  run: async (input, { actor }) => {
    const project = await createProject(actor, input);
    return { message: `Created ${project.name}`, redirectTo: `/projects/${project.slug}` };
  },
  revalidate: { path: "/projects" },
});
