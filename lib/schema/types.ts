/**
 * Label schema: the shapes (zod) and their TypeScript types.
 *
 * A project's labels are described by one validated JSON document (`LabelSchema`). The workspace,
 * validation, agreement and export are all driven by it; no other place in the code lists
 * dimensions or values. Cross-field rules (unique ids, `when` references, key clashes) live in
 * `./schema.ts` (`labelSchemaSchema`).
 */
import { z } from "zod";

/** Stable identifier for dimensions and values: stored in the database and in exports. */
const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

const idSchema = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(ID_PATTERN, "must start with a lower-case letter and contain only a-z, 0-9 and _");

export const valueSchema = z.object({
  id: idSchema,
  label: z.string().trim().min(1, "must not be empty").max(100),
  description: z.string().max(500).optional(),
  /** One keyboard character (not whitespace); compared case-insensitively within a dimension. */
  key: z.string().regex(/^\S$/u, "must be exactly one keyboard character").optional(),
});

export const requiredRuleSchema = z.union([
  z.literal("always"),
  z.literal("never"),
  z.object({
    when: z.object({
      /** Id of a `single` dimension of the same schema. */
      dimension: idSchema,
      /** Value ids of that dimension that make this dimension required. */
      in: z.array(idSchema).min(1, "must list at least one value"),
    }),
  }),
]);

const base = {
  id: idSchema,
  label: z.string().trim().min(1, "must not be empty").max(100),
  description: z.string().max(500).optional(),
  required: requiredRuleSchema.default("never"),
};

const values = z.array(valueSchema).min(1, "must have at least one value").max(100);

export const dimensionSchema = z.discriminatedUnion("kind", [
  /** One choice per project target (stance). Empty for a target counts as "none". */
  z.object({ ...base, kind: z.literal("per_target"), values }),
  /** One of `values`. */
  z.object({ ...base, kind: z.literal("single"), values }),
  /** A subset of `values`. */
  z.object({ ...base, kind: z.literal("multi"), values }),
  /** Character spans inside the sentence, each labelled with one of `values`. */
  z.object({ ...base, kind: z.literal("span"), values }),
  /** Free text; `suggest` offers names already entered in the document. */
  z.object({
    ...base,
    kind: z.literal("text"),
    maxLength: z.number().int().min(1).max(10_000).default(500),
    suggest: z.boolean().optional(),
  }),
  /** One of the project's targets, or one of the extra fixed `values`. */
  z.object({
    ...base,
    kind: z.literal("target_choice"),
    values: z.array(valueSchema).max(100).default([]),
  }),
  /** A boolean (e.g. flag for review). */
  z.object({ ...base, kind: z.literal("flag") }),
]);

export type Value = z.infer<typeof valueSchema>;
export type RequiredRule = z.infer<typeof requiredRuleSchema>;
export type Dimension = z.infer<typeof dimensionSchema>;
export type DimensionKind = Dimension["kind"];

/** A span as stored: ABSOLUTE offsets into the document text, UTF-16 code units, [start, end). */
export interface StoredSpan {
  start: number;
  end: number;
  label: string;
}

/**
 * A stored annotation value, after `validateAnnotationValue`:
 * per_target / single / target_choice → string, multi → sorted unique string[],
 * span → sorted StoredSpan[], text → string, flag → boolean, null → cleared.
 */
export type NormalizedValue = string | string[] | StoredSpan[] | boolean | null;
