"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/server/auth/actor";
import { createProject } from "@/server/projects";
import { InvalidError } from "@/server/errors";
import { createProjectInput } from "@/lib/validation/projects";
import { describeZodError } from "@/lib/validation/users";
import { formJson, formText, runAction, type ActionState } from "../action-state";

export async function createProjectAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  let slug = "";
  const state = await runAction("create project", async () => {
    const actor = await requireActor();
    const parsed = createProjectInput.safeParse({
      name: formText(form, "name"),
      slug: formText(form, "slug").trim() || undefined,
      description: formText(form, "description"),
      guidelines: formText(form, "guidelines"),
      targets: formJson(form, "targets") ?? [],
      template: formText(form, "template") || undefined,
    });
    if (!parsed.success) throw new InvalidError(describeZodError(parsed.error));
    const project = await createProject(actor, parsed.data);
    slug = project.slug;
    return `Created ${project.name}`;
  });
  if (!state.ok) return state;
  revalidatePath("/projects");
  redirect(`/projects/${slug}`);
}
