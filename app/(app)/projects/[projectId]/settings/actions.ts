"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/server/auth/actor";
import { addMember, changeMemberRole, removeMember } from "@/server/projects";
import { updateLabelSchema, updateProjectDetails, updateProjectSettings, updateTargets } from "@/server/project-settings";
import { parseInput } from "@/server/parse-input";
import { memberRoleInput, targetsUpdateInput } from "@/lib/validation/projects";
import { formJson, formText, runAction, type ActionState } from "../../action-state";

/** "an annotator", "a manager" */
const aRole = (r: string) => `${r === "ANNOTATOR" ? "an" : "a"} ${r.toLowerCase()}`;

/** Every settings form names its project; the service checks the actor's access to it. */
async function settingsAction(
  form: FormData,
  what: string,
  fn: (actor: Awaited<ReturnType<typeof requireActor>>, projectId: string) => Promise<string>,
) {
  const state = await runAction(what, async () => fn(await requireActor(), formText(form, "projectId")));
  if (state.ok) revalidatePath("/projects", "layout");
  return state;
}

export async function updateDetailsAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return settingsAction(form, "update project details", async (actor, projectId) => {
    const r = await updateProjectDetails(actor, projectId, {
      name: formText(form, "name"),
      description: formText(form, "description"),
      guidelines: formText(form, "guidelines"),
    });
    return r.changed ? "Saved name, description and guidelines" : "No changes to save";
  });
}

export async function updateSettingsAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return settingsAction(form, "update project settings", async (actor, projectId) => {
    const overlap = formText(form, "overlap").trim();
    const r = await updateProjectSettings(actor, projectId, {
      blind: form.get("blind") === "on",
      skipBoilerplate: form.get("skipBoilerplate") === "on",
      overlap: overlap === "" ? NaN : Number(overlap),
    });
    return r.changed ? "Saved annotation settings" : "No changes to save";
  });
}

export async function updateTargetsAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return settingsAction(form, "update targets", async (actor, projectId) => {
    const input = parseInput(targetsUpdateInput, {
      targets: formJson(form, "targets"),
      confirmLabelDeletion: form.get("confirmLabelDeletion") === "on",
    });
    const r = await updateTargets(actor, projectId, input);
    if (!r.changed) return "No changes to save";
    return `Saved ${r.targets.length} target${r.targets.length === 1 ? "" : "s"}${r.deletedLabels ? `; deleted ${r.deletedLabels} label${r.deletedLabels === 1 ? "" : "s"} of removed targets` : ""}`;
  });
}

export async function updateSchemaAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return settingsAction(form, "update label schema", async (actor, projectId) => {
    const r = await updateLabelSchema(actor, projectId, {
      json: formText(form, "json"),
      expectedVersion: Number(formText(form, "expectedVersion")),
    });
    return r.changed ? `Saved the label schema (version ${r.schemaVersion})` : "No changes to save";
  });
}

export async function addMemberAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return settingsAction(form, "add member", async (actor, projectId) => {
    const email = formText(form, "email");
    const m = await addMember(actor, projectId, { email, role: formText(form, "role") });
    return `${email.trim().toLowerCase()} is now ${aRole(m.role)} of this project`;
  });
}

export async function changeRoleAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return settingsAction(form, "change member role", async (actor, projectId) => {
    const r = await changeMemberRole(
      actor,
      projectId,
      parseInput(memberRoleInput, { userId: formText(form, "userId"), role: formText(form, "role") }),
    );
    return r.changed ? `${r.email} is now ${aRole(r.role)}` : `${r.email} is already ${aRole(r.role)}`;
  });
}

export async function removeMemberAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return settingsAction(form, "remove member", async (actor, projectId) => {
    const r = await removeMember(actor, projectId, { userId: formText(form, "userId") });
    return `Removed ${r.email} from the project`;
  });
}
