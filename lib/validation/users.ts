import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

export const PASSWORD_MIN = 10;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }))
  .pipe(z.string().max(320));
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, { message: `Password must be at least ${PASSWORD_MIN} characters` })
  .max(256, { message: "Password must be at most 256 characters" })
  .refine((p) => !isCommonPassword(p), { message: "This password is one of the most common ones; choose another" });

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, { message: "Name is required" }).max(120),
  password: passwordSchema,
  isAdmin: z.boolean().default(false),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const userIdSchema = z.string().min(1).max(64);

/** Changing one's own password: the current one, and the new one twice (the form's fields). */
export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, { message: "Enter your current password" }).max(1024),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], message: "The two new passwords differ" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "The new password is the current one" });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;
