import type { Metadata } from "next";
import { pageActor } from "@/server/http";
import { listTokens } from "@/server/tokens";
import { CreateTokenForm, TokenList } from "@/components/tokens/TokenManager";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await pageActor("/settings/tokens");
  const tokens = await listTokens(actor);
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="muted mt-1 max-w-3xl text-sm">
          Personal access tokens let scripts use the REST API as you: send <code>Authorization: Bearer slant_…</code>. A token can do what
          you can do in the app; a <strong>read</strong> token can only read. The API is described at{" "}
          <a className="underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          .
        </p>
      </div>
      <div className="space-y-8">
        <CreateTokenForm />
        <TokenList tokens={tokens} />
      </div>
    </>
  );
}
