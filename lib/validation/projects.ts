import { z } from "zod";

export const projectRoleSchema = z.enum(["MANAGER", "REVIEWER", "ANNOTATOR"]);

export const targetNameSchema = z.string().trim().min(1, { message: "Target name is required" }).max(80);

export const createProjectInput = z.object({
  name: z.string().trim().min(1, { message: "Project name is required" }).max(160),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "Slug may contain lowercase letters, digits and single dashes" })
    .max(60)
    .optional(),
  description: z.string().max(5000).default(""),
  guidelines: z.string().max(200_000).default(""),
  targets: z
    .array(targetNameSchema)
    .max(50)
    .default([])
    .refine((t) => new Set(t.map((x) => x.toLowerCase())).size === t.length, { message: "Target names must be unique" }),
  template: z.string().default("news_stance_sourcing"),
});
export type CreateProjectInput = z.input<typeof createProjectInput>;

export const addMemberInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address" })),
  role: projectRoleSchema,
});

export const documentInput = z.object({
  title: z.string().trim().min(1).max(500),
  text: z.string().min(1, { message: "Document text is empty" }).max(200_000, { message: "Document text is longer than 200,000 characters" }),
  outlet: z.string().max(200).optional(),
  url: z.string().max(2000).optional(),
  author: z.string().max(300).optional(),
  publishedAt: z.coerce.date().optional(),
  language: z.string().max(20).default("en"),
  externalId: z.string().max(200).optional(),
});
export type DocumentInput = z.input<typeof documentInput>;
