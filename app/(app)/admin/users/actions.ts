"use server";

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { authenticatedAction, formText } from "@/server/action";
import { createUser, resetPassword, setUserAdmin, setUserDisabled } from "@/server/users";
import { createUserInput, userIdSchema } from "@/lib/validation/users";

const revalidate = { path: "/admin/users" };

export const createUserAction = authenticatedAction({
  name: "create user",
  schema: createUserInput,
  input: (form) => ({
    email: formText(form, "email"),
    name: formText(form, "name"),
    password: formText(form, "password"),
    isAdmin: form.get("isAdmin") === "on",
  }),
  run: async (input, { actor }) => `Created ${(await createUser(actor, input)).email}`,
  revalidate,
});

const userFlag = z.object({ userId: userIdSchema, value: z.enum(["true", "false"]) });
const userFlagFields = (form: FormData) => ({ userId: formText(form, "userId"), value: formText(form, "value") });

export const setDisabledAction = authenticatedAction({
  name: "enable or disable user",
  schema: userFlag,
  input: userFlagFields,
  run: async ({ userId, value }, { actor }) => {
    const u = await setUserDisabled(actor, userId, value === "true");
    return `${u.email} is now ${u.disabled ? "disabled" : "enabled"}`;
  },
  revalidate,
});

export const setAdminAction = authenticatedAction({
  name: "change site admin",
  schema: userFlag,
  input: userFlagFields,
  run: async ({ userId, value }, { actor }) => {
    const u = await setUserAdmin(actor, userId, value === "true");
    return `${u.email} is ${u.isAdmin ? "now a site admin" : "no longer a site admin"}`;
  },
  revalidate,
});

export const resetPasswordAction = authenticatedAction({
  name: "reset password",
  schema: userIdSchema,
  input: (form) => formText(form, "userId"),
  run: async (userId, { actor }) => {
    const password = randomBytes(12).toString("base64url");
    const u = await resetPassword(actor, userId, password);
    return `New password for ${u.email}: ${password} (shown once; their sessions were signed out)`;
  },
  revalidate,
});
