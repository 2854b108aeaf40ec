"use server";

import { z } from "zod";
import { authenticatedAction, formText } from "@/server/action";
import { createToken, createTokenInput, revokeToken } from "@/server/tokens";

const revalidate = { path: "/settings/tokens" };

export const createTokenAction = authenticatedAction({
  name: "create token",
  schema: createTokenInput,
  input: (form) => ({ name: formText(form, "name"), scope: form.get("scope") ?? "read" }),
  run: async (input, { actor }) => {
    const { token, secret } = await createToken(actor, input);
    return { message: `Created “${token.name}” (${token.scope}). Copy it now: it is shown only once.`, secret };
  },
  revalidate,
});

export const revokeTokenAction = authenticatedAction({
  name: "revoke token",
  schema: z.string().min(1).max(64),
  input: (form) => formText(form, "tokenId"),
  run: async (tokenId, { actor }) => `Revoked “${(await revokeToken(actor, tokenId)).name}”`,
  revalidate,
});
