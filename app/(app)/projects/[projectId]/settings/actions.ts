"use server";

import type { z } from "zod";
import { authenticatedAction, formJson, formText, type ActionDone, type ActionSpec } from "@/server/action";
import type { Actor } from "@/server/auth/actor";
import { addMember, changeMemberRole, removeMember } from "@/server/projects";
import { updateLabelSchema, updateProjectDetails, updateProjectSettings, updateTargets } from "@/server/project-settings";
import { updateOutletAliases } from "@/server/outlets";
import { aliasList, outletAliasesInput } from "@/lib/validation/outlets";
import {
  addMemberInput,
  labelSchemaUpdateInput,
  memberRoleInput,
  projectDetailsInput,
  projectSettingsInput,
  removeMemberInput,
  targetsUpdateInput,
} from "@/lib/validation/projects";

/** "an annotator", "a manager" */
const aRole = (r: string) => `${r === "ANNOTATOR" ? "an" : "a"} ${r.toLowerCase()}`;

/** Every settings form names its project; the service checks the actor's access to it. */
function settingsAction<S extends z.ZodType>(
  spec: Omit<ActionSpec<S>, "run" | "revalidate"> & {
    run: (input: z.output<S>, actor: Actor, projectId: string) => Promise<ActionDone>;
  },
) {
  return authenticatedAction({
    ...spec,
    run: (input, { actor, form }) => spec.run(input, actor, formText(form, "projectId")),
    revalidate: { path: "/projects", type: "layout" },
  });
}

export const updateDetailsAction = settingsAction({
  name: "update project details",
  schema: projectDetailsInput,
  input: (form) => ({ name: formText(form, "name"), description: formText(form, "description"), guidelines: formText(form, "guidelines") }),
  run: async (input, actor, projectId) =>
    (await updateProjectDetails(actor, projectId, input)).changed ? "Saved name, description and guidelines" : "No changes to save",
});

export const updateSettingsAction = settingsAction({
  name: "update project settings",
  schema: projectSettingsInput,
  input: (form) => {
    const overlap = formText(form, "overlap").trim();
    return {
      blind: form.get("blind") === "on",
      skipBoilerplate: form.get("skipBoilerplate") === "on",
      suggestions: form.get("suggestions") === "on",
      storyAssignment: form.get("storyAssignment") === "none" ? null : formText(form, "storyAssignment"),
      outletBlind: form.get("outletBlind") === "on",
      overlap: overlap === "" ? NaN : Number(overlap),
    };
  },
  run: async (input, actor, projectId) =>
    (await updateProjectSettings(actor, projectId, input)).changed ? "Saved annotation settings" : "No changes to save",
});

export const updateTargetsAction = settingsAction({
  name: "update targets",
  schema: targetsUpdateInput,
  input: (form) => ({ targets: formJson(form, "targets"), confirmLabelDeletion: form.get("confirmLabelDeletion") === "on" }),
  run: async (input, actor, projectId) => {
    const r = await updateTargets(actor, projectId, input);
    if (!r.changed) return "No changes to save";
    return `Saved ${r.targets.length} target${r.targets.length === 1 ? "" : "s"}${r.deletedLabels ? `; deleted ${r.deletedLabels} label${r.deletedLabels === 1 ? "" : "s"} of removed targets` : ""}`;
  },
});

export const updateSchemaAction = settingsAction({
  name: "update label schema",
  schema: labelSchemaUpdateInput,
  input: (form) => ({ json: formText(form, "json"), expectedVersion: Number(formText(form, "expectedVersion")) }),
  run: async (input, actor, projectId) => {
    const r = await updateLabelSchema(actor, projectId, input);
    return r.changed ? `Saved the label schema (version ${r.schemaVersion})` : "No changes to save";
  },
});

export const addMemberAction = settingsAction({
  name: "add member",
  schema: addMemberInput,
  input: (form) => ({ email: formText(form, "email"), role: formText(form, "role") }),
  run: async (input, actor, projectId) => {
    const m = await addMember(actor, projectId, input);
    return `${input.email} is now ${aRole(m.role)} of this project`;
  },
});

export const changeRoleAction = settingsAction({
  name: "change member role",
  schema: memberRoleInput,
  input: (form) => ({ userId: formText(form, "userId"), role: formText(form, "role") }),
  run: async (input, actor, projectId) => {
    const r = await changeMemberRole(actor, projectId, input);
    return r.changed ? `${r.email} is now ${aRole(r.role)}` : `${r.email} is already ${aRole(r.role)}`;
  },
});

export const removeMemberAction = settingsAction({
  name: "remove member",
  schema: removeMemberInput,
  input: (form) => ({ userId: formText(form, "userId") }),
  run: async (input, actor, projectId) => `Removed ${(await removeMember(actor, projectId, input)).email} from the project`,
});

export const updateOutletAliasesAction = settingsAction({
  name: "update outlet aliases",
  schema: outletAliasesInput,
  // One row per outlet: its name (hidden) and its other names, separated by commas.
  input: (form) => {
    const aliases = form.getAll("aliases").map(String);
    return { outlets: form.getAll("outlet").map((o, i) => ({ outlet: String(o), aliases: aliasList(aliases[i] ?? "") })) };
  },
  run: async (input, actor, projectId) => {
    const r = await updateOutletAliases(actor, projectId, input);
    return r.changed ? `Saved ${r.aliases} outlet alias${r.aliases === 1 ? "" : "es"}` : "No changes to save";
  },
});
