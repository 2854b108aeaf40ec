import { z } from "zod";

/**
 * Inputs of the source ledger (server/sources/ledger.ts), shared by the Sources page and the API.
 * Type and side are value ids checked against the project's schema and targets by the service.
 */

const id = z.string().trim().min(1).max(64);
const sourceName = z
  .string({ message: "must be a name" })
  .trim()
  .min(1, { message: "must not be empty" })
  .max(200, { message: "must be at most 200 characters" })
  .transform((s) => s.replace(/\s+/g, " "));
/** A value id, or null/"" for "not set". */
const optionalValue = z
  .string()
  .trim()
  .max(100)
  .nullable()
  .transform((s) => s || null);
const attributeValues = z.record(
  z.string().trim().min(1).max(60),
  z
    .string()
    .trim()
    .max(200, { message: "an attribute value must be at most 200 characters" })
    .nullable()
    .transform((s) => s || null),
);

export const MAX_ATTRIBUTES = 20;
export const MAX_NAMES = 500;

export const sourceAttributesInput = z.object({
  attributes: z
    .array(
      z
        .string()
        .trim()
        .min(1, { message: "an attribute name must not be empty" })
        .max(60, { message: "an attribute name must be at most 60 characters" }),
    )
    .max(MAX_ATTRIBUTES, { message: `at most ${MAX_ATTRIBUTES} attributes` })
    .refine((a) => new Set(a.map((n) => n.toLowerCase())).size === a.length, { message: "attribute names must differ" }),
});
export type SourceAttributesInput = z.input<typeof sourceAttributesInput>;

const names = z.array(sourceName).max(MAX_NAMES, { message: `at most ${MAX_NAMES} names at once` });

/** A new entry: its canonical name, and the typed names it takes as aliases (the canonical name is one of them). */
export const createSourceInput = z.object({
  name: sourceName,
  type: optionalValue.optional(),
  side: optionalValue.optional(),
  attributes: attributeValues.optional(),
  names: names.optional(),
});
export type CreateSourceInput = z.input<typeof createSourceInput>;

export const updateSourceInput = z
  .object({
    name: sourceName.optional(),
    type: optionalValue.optional(),
    side: optionalValue.optional(),
    attributes: attributeValues.optional(),
  })
  .strict();
export type UpdateSourceInput = z.input<typeof updateSourceInput>;

export const linkNamesInput = z.object({ names: names.min(1, { message: "give at least one name" }) });
export type LinkNamesInput = z.input<typeof linkNamesInput>;

export const mergeSourcesInput = z
  .object({
    into: id,
    from: z
      .array(id)
      .min(1, { message: "choose at least one entry to merge" })
      .max(MAX_NAMES)
      .transform((ids) => [...new Set(ids)]),
  })
  .refine((m) => !m.from.includes(m.into), { message: "an entry cannot be merged into itself", path: ["from"] });
export type MergeSourcesInput = z.input<typeof mergeSourcesInput>;

/** Unmerge: these aliases (of one entry) leave it and form a new entry named after the first. */
export const splitAliasesInput = z.object({
  aliasIds: z
    .array(id)
    .min(1, { message: "choose at least one name to split off" })
    .max(MAX_NAMES)
    .transform((ids) => [...new Set(ids)]),
});
export type SplitAliasesInput = z.input<typeof splitAliasesInput>;
