"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/server/auth/actor";
import { createToken, revokeToken } from "@/server/tokens";
import { isAppError } from "@/server/errors";

export type TokenActionState = { ok: true; message: string; secret?: string } | { ok: false; message: string };

async function run(fn: () => Promise<TokenActionState>): Promise<TokenActionState> {
  try {
    const state = await fn();
    revalidatePath("/settings/tokens");
    return state;
  } catch (e) {
    if (isAppError(e)) return { ok: false, message: e.message };
    console.error("token action failed", e);
    return { ok: false, message: "Something went wrong on the server" };
  }
}

export async function createTokenAction(_prev: TokenActionState | null, form: FormData): Promise<TokenActionState> {
  return run(async () => {
    const actor = await requireActor();
    const { token, secret } = await createToken(actor, {
      name: String(form.get("name") ?? ""),
      scope: String(form.get("scope") ?? "read") as "read",
    });
    return { ok: true, message: `Created “${token.name}” (${token.scope}). Copy it now: it is shown only once.`, secret };
  });
}

export async function revokeTokenAction(_prev: TokenActionState | null, form: FormData): Promise<TokenActionState> {
  return run(async () => {
    const actor = await requireActor();
    const t = await revokeToken(actor, z.string().min(1).max(64).parse(form.get("tokenId")));
    return { ok: true, message: `Revoked “${t.name}”` };
  });
}
