"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/server/auth/actor";
import { createProject } from "@/server/projects";
import { parseInput } from "@/server/parse-input";
import { createProjectInput } from "@/lib/validation/projects";
import { formJson, formText, runAction, type ActionState } from "../action-state";

export async function createProjectAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  let slug = "";
  const state = await runAction("create project", async () => {
    const actor = await requireActor();
    const input = parseInput(createProjectInput, {
      name: formText(form, "name"),
      slug: formText(form, "slug").trim() || undefined,
      description: formText(form, "description"),
      guidelines: formText(form, "guidelines"),
      targets: formJson(form, "targets") ?? [],
      template: formText(form, "template") || undefined,
    });
    const project = await createProject(actor, input);
    slug = project.slug;
    return `Created ${project.name}`;
  });
  if (!state.ok) return state;
  revalidatePath("/projects");
  redirect(`/projects/${slug}`);
}
