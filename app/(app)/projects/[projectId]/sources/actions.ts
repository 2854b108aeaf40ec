"use server";

import { authenticatedAction, formText } from "@/server/action";
import {
  createSource,
  deleteSource,
  linkNames,
  mergeSources,
  setSourceAttributes,
  splitAliases,
  updateSource,
} from "@/server/sources/ledger";
import {
  createSourceInput,
  linkNamesInput,
  mergeSourcesInput,
  sourceAttributesInput,
  splitAliasesInput,
  updateSourceInput,
} from "@/lib/validation/sources";
import { InvalidError } from "@/server/errors";
import { z } from "zod";

/** The Sources page's forms: each calls one ledger service (server/sources/ledger.ts) for the project in the form. */

const project = (form: FormData) => formText(form, "projectId");
const revalidate = { path: "/projects", type: "layout" as const };
const list = (form: FormData, name: string) => form.getAll(name).map(String);
/** The entry's fields as the edit and approve forms send them: attribute values in `attr:<name>`. */
const entryFields = (form: FormData) => ({
  type: formText(form, "type"),
  side: formText(form, "side"),
  attributes: Object.fromEntries([...form.keys()].filter((k) => k.startsWith("attr:")).map((k) => [k.slice(5), formText(form, k)])),
});

export const createSourceAction = authenticatedAction({
  name: "add source",
  schema: createSourceInput,
  input: (form) => ({ name: formText(form, "name"), names: list(form, "names"), ...entryFields(form) }),
  run: async (input, { actor, form }) => {
    const r = await createSource(actor, project(form), input);
    return `Added “${r.name}” to the ledger${r.names.length > 1 ? ` with ${r.names.length} names` : ""}`;
  },
  revalidate,
});

export const linkNamesAction = authenticatedAction({
  name: "link source names",
  schema: linkNamesInput,
  input: (form) => ({ names: list(form, "names") }),
  run: async (input, { actor, form }) => {
    const sourceId = formText(form, "sourceId");
    if (!sourceId) throw new InvalidError("Choose the source to link the name to");
    const r = await linkNames(actor, project(form), sourceId, input);
    return `Linked ${r.linked.map((n) => `“${n}”`).join(", ") || "nothing new"}`;
  },
  revalidate,
});

export const updateSourceAction = authenticatedAction({
  name: "edit source",
  schema: updateSourceInput,
  input: (form) => ({ name: formText(form, "name"), ...entryFields(form) }),
  run: async (input, { actor, form }) => {
    const r = await updateSource(actor, project(form), formText(form, "sourceId"), input);
    return `Saved “${r.name}”`;
  },
  revalidate,
});

export const mergeSourcesAction = authenticatedAction({
  name: "merge sources",
  schema: mergeSourcesInput,
  input: (form) => ({ into: formText(form, "into"), from: list(form, "from") }),
  run: async (input, { actor, form }) => {
    const r = await mergeSources(actor, project(form), input);
    return `Merged ${r.merged} ${r.merged === 1 ? "entry" : "entries"} (${r.aliases} names moved); no label changed`;
  },
  revalidate,
});

export const splitAliasesAction = authenticatedAction({
  name: "split source names",
  schema: splitAliasesInput,
  input: (form) => ({ aliasIds: list(form, "aliasIds") }),
  run: async (input, { actor, form }) => {
    const r = await splitAliases(actor, project(form), input);
    return `Split off “${r.name}” as a source of its own; no label changed`;
  },
  revalidate,
});

export const deleteSourceAction = authenticatedAction({
  name: "delete source",
  schema: z.object({ sourceId: z.string().min(1) }),
  input: (form) => ({ sourceId: formText(form, "sourceId") }),
  run: async (input, { actor, form }) => {
    await deleteSource(actor, project(form), input.sourceId);
    return "Deleted the entry; its names are pending again";
  },
  revalidate,
});

export const setSourceAttributesAction = authenticatedAction({
  name: "set source attributes",
  schema: sourceAttributesInput,
  input: (form) => ({
    attributes: formText(form, "attributes")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  }),
  run: async (input, { actor, form }) => {
    const r = await setSourceAttributes(actor, project(form), input);
    return r.attributes.length ? `Sources record: ${r.attributes.join(", ")}` : "Sources record no attributes";
  },
  revalidate,
});
