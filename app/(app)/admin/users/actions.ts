"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/server/auth/actor";
import { createUser, resetPassword, setUserAdmin, setUserDisabled } from "@/server/users";
import { isAppError } from "@/server/errors";

export interface ActionState {
  ok: boolean;
  message: string;
}

async function run(fn: () => Promise<string>): Promise<ActionState> {
  try {
    const message = await fn();
    revalidatePath("/admin/users");
    return { ok: true, message };
  } catch (e) {
    if (isAppError(e)) return { ok: false, message: e.message };
    console.error("admin action failed", e);
    return { ok: false, message: "Something went wrong on the server" };
  }
}

export async function createUserAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return run(async () => {
    const actor = await requireActor();
    const user = await createUser(actor, {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
      isAdmin: form.get("isAdmin") === "on",
    });
    return `Created ${user.email}`;
  });
}

const userAction = z.object({ userId: z.string().min(1).max(64), value: z.enum(["true", "false"]) });

export async function setDisabledAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return run(async () => {
    const actor = await requireActor();
    const { userId, value } = userAction.parse({ userId: form.get("userId"), value: form.get("value") });
    const u = await setUserDisabled(actor, userId, value === "true");
    return `${u.email} is now ${u.disabled ? "disabled" : "enabled"}`;
  });
}

export async function setAdminAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return run(async () => {
    const actor = await requireActor();
    const { userId, value } = userAction.parse({ userId: form.get("userId"), value: form.get("value") });
    const u = await setUserAdmin(actor, userId, value === "true");
    return `${u.email} is ${u.isAdmin ? "now a site admin" : "no longer a site admin"}`;
  });
}

export async function resetPasswordAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return run(async () => {
    const actor = await requireActor();
    const userId = z.string().min(1).max(64).parse(form.get("userId"));
    const password = randomBytes(12).toString("base64url");
    const u = await resetPassword(actor, userId, password);
    return `New password for ${u.email}: ${password} (shown once; their sessions were signed out)`;
  });
}
