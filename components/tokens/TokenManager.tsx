"use client";

import { FormStatus } from "@/components/ui/FormStatus";
import { useActionState, useId } from "react";
import { useFormAction } from "@/components/projects/form";
import { createTokenAction, revokeTokenAction } from "@/app/(app)/settings/tokens/actions";
import type { TokenView } from "@/server/tokens";

export function CreateTokenForm() {
  const id = useId();
  // Submitted from onSubmit: a refused name keeps what was typed.
  const [state, onSubmit, pending] = useFormAction(createTokenAction, { resetOnSuccess: true });
  return (
    <form onSubmit={onSubmit} className="card grid max-w-3xl gap-3 sm:grid-cols-3" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="text-lg font-semibold sm:col-span-3">
        New token
      </h2>
      <div className="sm:col-span-2">
        <label className="label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input id={`${id}-name`} name="name" required maxLength={100} placeholder="e.g. nightly export script" className="input" />
      </div>
      <div>
        <label className="label" htmlFor={`${id}-scope`}>
          Scope
        </label>
        <select id={`${id}-scope`} name="scope" className="input" defaultValue="read">
          <option value="read">read (GET only)</option>
          <option value="write">write (read and change)</option>
        </select>
      </div>
      <div className="sm:col-span-3">
        <button className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
        <FormStatus state={state} />
        {state?.ok && state.secret && (
          <div className="mt-2">
            <label className="label" htmlFor={`${id}-secret`}>
              Your new token
            </label>
            <input
              id={`${id}-secret`}
              readOnly
              value={state.secret}
              className="input font-mono"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="new-token"
            />
          </div>
        )}
      </div>
    </form>
  );
}

function RevokeButton({ token }: { token: TokenView }) {
  const [state, action, pending] = useActionState(revokeTokenAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={token.id} />
      <button className="btn-danger" disabled={pending} aria-label={`Revoke ${token.name}`}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      <FormStatus state={state && !state.ok ? state : null} />
    </form>
  );
}

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

export function TokenList({ tokens }: { tokens: TokenView[] }) {
  return (
    <section aria-labelledby="tokens-h" className="max-w-3xl">
      <h2 id="tokens-h" className="mb-2 text-lg font-semibold">
        Your tokens
      </h2>
      {tokens.length === 0 ? (
        <p className="card muted text-sm">No tokens yet.</p>
      ) : (
        <table className="card w-full p-0 text-sm">
          <thead>
            <tr className="text-left">
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Scope</th>
              <th className="px-3 py-2">Created</th>
              <th className="px-3 py-2">Last used</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-stone-200 dark:border-stone-700">
                <td className="px-3 py-2">{t.name}</td>
                <td className="px-3 py-2">{t.scope}</td>
                <td className="px-3 py-2 tabular-nums">{when(t.createdAt)}</td>
                <td className="px-3 py-2 tabular-nums">{when(t.lastUsedAt)}</td>
                <td className="px-3 py-2">
                  {t.revokedAt ? <span className="muted">revoked {when(t.revokedAt)}</span> : <RevokeButton token={t} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
