"use client";

import { FormStatus } from "@/components/ui/FormStatus";
import { useActionState } from "react";
import { useFormAction } from "@/components/projects/form";
import { createUserAction, resetPasswordAction, setAdminAction, setDisabledAction } from "@/app/(app)/admin/users/actions";

interface UserRow {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
}

export function CreateUserForm() {
  // Submitted from onSubmit: a refused user (e-mail taken, short password) keeps what was typed.
  const [state, onSubmit, pending] = useFormAction(createUserAction, { resetOnSuccess: true });
  return (
    <form onSubmit={onSubmit} className="card grid gap-3 sm:grid-cols-2" aria-labelledby="create-user-h">
      <h2 id="create-user-h" className="text-lg font-semibold sm:col-span-2">
        Create a user
      </h2>
      <div>
        <label className="label" htmlFor="cu-email">
          Email
        </label>
        <input id="cu-email" name="email" type="email" required className="input" />
      </div>
      <div>
        <label className="label" htmlFor="cu-name">
          Name
        </label>
        <input id="cu-name" name="name" required className="input" />
      </div>
      <div>
        <label className="label" htmlFor="cu-password">
          Initial password
        </label>
        <input
          id="cu-password"
          name="password"
          type="password"
          minLength={10}
          required
          className="input"
          aria-describedby="cu-password-hint"
        />
        <p id="cu-password-hint" className="muted mt-1 text-xs">
          At least 10 characters.
        </p>
      </div>
      <div className="flex items-center gap-2 self-center">
        <input id="cu-admin" name="isAdmin" type="checkbox" className="h-4 w-4" />
        <label htmlFor="cu-admin" className="text-sm">
          Site admin
        </label>
      </div>
      <div className="sm:col-span-2">
        <button className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create user"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

function RowAction({ user, kind }: { user: UserRow; kind: "disable" | "admin" | "reset" }) {
  const fn = kind === "disable" ? setDisabledAction : kind === "admin" ? setAdminAction : resetPasswordAction;
  const [state, action, pending] = useActionState(fn, null);
  const value = kind === "disable" ? String(!user.disabled) : kind === "admin" ? String(!user.isAdmin) : "true";
  const text =
    kind === "disable"
      ? user.disabled
        ? "Enable"
        : "Disable"
      : kind === "admin"
        ? user.isAdmin
          ? "Revoke admin"
          : "Make admin"
        : "Reset password";
  return (
    <form action={action} className="inline">
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="value" value={value} />
      <button
        className={kind === "disable" && !user.disabled ? "btn-danger" : "btn"}
        disabled={pending}
        aria-label={`${text}: ${user.email}`}
      >
        {text}
      </button>
      <FormStatus state={state} />
    </form>
  );
}

export function UserTable({ users, selfId }: { users: UserRow[]; selfId: string }) {
  return (
    <table className="card w-full border-separate border-spacing-0 p-0 text-sm">
      <caption className="sr-only">Users</caption>
      <thead>
        <tr className="text-left">
          <th scope="col" className="px-4 py-2">
            User
          </th>
          <th scope="col" className="px-4 py-2">
            Status
          </th>
          <th scope="col" className="px-4 py-2">
            Actions
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} className="align-top">
            <td className="border-t border-stone-200 px-4 py-2 dark:border-stone-700">
              <div className="font-medium">{u.name}</div>
              <div className="muted">{u.email}</div>
            </td>
            <td className="border-t border-stone-200 px-4 py-2 dark:border-stone-700">
              {u.disabled ? "Disabled" : "Active"}
              {u.isAdmin ? " · Site admin" : ""}
            </td>
            <td className="space-x-2 space-y-1 border-t border-stone-200 px-4 py-2 dark:border-stone-700">
              {u.id !== selfId && <RowAction user={u} kind="disable" />}
              {u.id !== selfId && <RowAction user={u} kind="admin" />}
              <RowAction user={u} kind="reset" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
