"use client";

import { useActionState, useId } from "react";
import { FormStatus } from "@/components/ui/FormStatus";
import { changePasswordAction } from "@/app/(app)/settings/password/actions";
import { PASSWORD_MIN } from "@/lib/validation/users";

export function ChangePasswordForm() {
  const id = useId();
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const field = (name: string, label: string, autoComplete: string, minLength?: number) => (
    <div>
      <label className="label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        minLength={minLength}
        maxLength={256}
        className="input"
      />
    </div>
  );
  return (
    // key: a successful change clears the fields.
    <form key={state?.ok ? state.message : "form"} action={action} className="card grid max-w-md gap-3" aria-label="Change password">
      {field("currentPassword", "Current password", "current-password")}
      {field("newPassword", "New password", "new-password", PASSWORD_MIN)}
      {field("confirmPassword", "New password again", "new-password", PASSWORD_MIN)}
      <div>
        <button className="btn-primary" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
