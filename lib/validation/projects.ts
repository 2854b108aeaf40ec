import { z } from "zod";
import { DEFAULT_TEMPLATE_ID } from "@/lib/schema/templates";
import { STORY_RULES } from "@/lib/assignment/rules";

export const projectRoleSchema = z.enum(["MANAGER", "REVIEWER", "ANNOTATOR"], { message: "Role must be manager, reviewer or annotator" });
export type ProjectRole = z.infer<typeof projectRoleSchema>;
export const PROJECT_ROLES: readonly ProjectRole[] = projectRoleSchema.options;

export const MAX_TARGETS = 50;
export const MAX_GUIDELINES = 200_000;

const projectNameSchema = z
  .string()
  .trim()
  .min(1, { message: "Project name is required" })
  .max(160, { message: "Project name must be at most 160 characters" });
const projectDescriptionSchema = z.string().max(5000, { message: "Description must be at most 5,000 characters" });
const guidelinesSchema = z.string().max(MAX_GUIDELINES, { message: "Guidelines must be at most 200,000 characters" });
export const targetNameSchema = z
  .string()
  .trim()
  .min(1, { message: "Target name is required" })
  .max(80, { message: "Target name must be at most 80 characters" });

const uniqueNames = (names: string[]) => new Set(names.map((x) => x.trim().toLowerCase())).size === names.length;

export const createProjectInput = z.object({
  name: projectNameSchema,
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "Slug may contain lowercase letters, digits and single dashes" })
    .max(60)
    .optional(),
  description: projectDescriptionSchema.default(""),
  guidelines: guidelinesSchema.default(""),
  targets: z
    .array(targetNameSchema)
    .max(MAX_TARGETS, { message: `A project has at most ${MAX_TARGETS} targets` })
    .default([])
    .refine(uniqueNames, { message: "Target names must be unique" }),
  template: z.string().default(DEFAULT_TEMPLATE_ID),
});
export type CreateProjectInput = z.input<typeof createProjectInput>;

/** Name, description and guidelines of an existing project. */
export const projectDetailsInput = z.object({
  name: projectNameSchema,
  description: projectDescriptionSchema,
  guidelines: guidelinesSchema,
});
export type ProjectDetailsInput = z.input<typeof projectDetailsInput>;

export const OVERLAP_MIN = 1;
export const OVERLAP_MAX = 10;

/**
 * Annotation settings: blind annotation, boilerplate handling, overlap k (annotators per document),
 * and how Next document treats stories (lib/assignment/rules; null: no rule; absent: unchanged).
 */
export const projectSettingsInput = z.object({
  storyAssignment: z
    .enum(STORY_RULES, { message: `Story assignment must be ${STORY_RULES.join(" or ")}, or none` })
    .nullable()
    .optional(),
  blind: z.boolean(),
  skipBoilerplate: z.boolean(),
  /** Machine suggestions computed and shown; absent leaves them as they are. */
  suggestions: z.boolean().optional(),
  /** Annotators never see outlet, author or URL, and outlet names in the text are masked for them; absent leaves it as it is. */
  outletBlind: z.boolean().optional(),
  overlap: z
    .number({ message: `Overlap must be a whole number from ${OVERLAP_MIN} to ${OVERLAP_MAX}` })
    .int({ message: `Overlap must be a whole number from ${OVERLAP_MIN} to ${OVERLAP_MAX}` })
    .min(OVERLAP_MIN, { message: `Overlap must be at least ${OVERLAP_MIN}` })
    .max(OVERLAP_MAX, { message: `Overlap must be at most ${OVERLAP_MAX}` }),
});
export type ProjectSettingsInput = z.input<typeof projectSettingsInput>;

/**
 * The whole target list in its new order: existing targets by id (renamed if the name changed),
 * new ones without an id; targets left out are removed. Removing targets that have labels needs
 * `confirmLabelDeletion` (their labels are deleted with them).
 */
export const targetsUpdateInput = z.object({
  targets: z
    .array(z.object({ id: z.string().min(1).max(64).optional(), name: targetNameSchema }))
    .max(MAX_TARGETS, { message: `A project has at most ${MAX_TARGETS} targets` })
    .refine((t) => uniqueNames(t.map((x) => x.name)), { message: "Target names must be unique" })
    .refine(
      (t) => {
        const ids = t.flatMap((x) => (x.id ? [x.id] : []));
        return new Set(ids).size === ids.length;
      },
      { message: "A target is listed twice" },
    ),
  confirmLabelDeletion: z.boolean().default(false),
});
export type TargetsUpdateInput = z.input<typeof targetsUpdateInput>;

/** A label-schema edit: the schema as JSON text, and the schemaVersion the editor started from. */
export const labelSchemaUpdateInput = z.object({
  json: z
    .string()
    .min(1, { message: "The label schema is empty" })
    .max(500_000, { message: "The label schema is longer than 500,000 characters" }),
  expectedVersion: z.number().int().positive(),
});
export type LabelSchemaUpdateInput = z.input<typeof labelSchemaUpdateInput>;

const userId = z.string().min(1).max(64);

export const addMemberInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address" })),
  role: projectRoleSchema,
});

export const memberRoleInput = z.object({ userId, role: projectRoleSchema });
export type MemberRoleInput = z.input<typeof memberRoleInput>;

export const removeMemberInput = z.object({ userId });
export type RemoveMemberInput = z.input<typeof removeMemberInput>;

export const documentInput = z.object({
  title: z.string().trim().min(1).max(500),
  text: z
    .string()
    .min(1, { message: "Document text is empty" })
    .max(200_000, { message: "Document text is longer than 200,000 characters" }),
  outlet: z.string().max(200).optional(),
  story: z.string().max(200).optional(),
  url: z.string().max(2000).optional(),
  author: z.string().max(300).optional(),
  publishedAt: z.coerce.date().optional(),
  language: z.string().max(20).default("en"),
  externalId: z.string().max(200).optional(),
});
export type DocumentInput = z.input<typeof documentInput>;

/** Links in rendered guidelines: only http(s) and mailto survive; anything else (javascript:, data:) is dropped. */
export function safeMarkdownUrl(url: string): string {
  return /^(https?:|mailto:)/i.test(url.trim()) ? url : "";
}
