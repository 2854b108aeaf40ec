"use client";

import { useState } from "react";
import { addMemberAction, changeRoleAction, removeMemberAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { ROLE_LABELS, useFormAction } from "@/components/projects/form";
import { FormStatus } from "@/components/ui/FormStatus";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/validation/projects";

interface Member {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
  disabled: boolean;
}

function RoleSelect({ id, name = "role", defaultValue, label }: { id: string; name?: string; defaultValue: ProjectRole; label?: string }) {
  return (
    <select id={id} name={name} defaultValue={defaultValue} className="input max-w-48" aria-label={label}>
      {PROJECT_ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

function RoleForm({ projectId, member }: { projectId: string; member: Member }) {
  const [state, onSubmit, pending] = useFormAction(changeRoleAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="userId" value={member.userId} />
      <RoleSelect key={member.role} id={`role-${member.userId}`} defaultValue={member.role} label={`Role of ${member.email}`} />
      <button className="btn" disabled={pending} aria-label={`Change role: ${member.email}`}>
        Change role
      </button>
      <div className="w-full">
        <FormStatus state={state} />
      </div>
    </form>
  );
}

/** Asks first; the confirming button submits the table's one removal form (its status outlives the row). */
function RemoveButton({ member, formId, pending }: { member: Member; formId: string; pending: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="btn-danger" onClick={() => setAsking(true)} aria-label={`Remove: ${member.email}`}>
        Remove
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm removing ${member.email}`} className="flex flex-wrap items-center gap-2">
      <span className="text-sm">Remove {member.email}? Their labels stay in the project.</span>
      <button
        form={formId}
        name="userId"
        value={member.userId}
        className="btn-danger"
        disabled={pending}
        aria-label={`Confirm removal: ${member.email}`}
      >
        Remove
      </button>
      <button type="button" className="btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}

function AddMemberForm({ projectId }: { projectId: string }) {
  const [state, onSubmit, pending] = useFormAction(addMemberAction);
  const [email, setEmail] = useState("");
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state?.ok) setEmail("");
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-labelledby="add-member-h">
      <h3 id="add-member-h" className="w-full font-medium">
        Add a member
      </h3>
      <input type="hidden" name="projectId" value={projectId} />
      <div className="min-w-64 flex-1">
        <label className="label" htmlFor="am-email">
          Email
        </label>
        <input
          id="am-email"
          name="email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-describedby="am-email-hint"
          className="input"
        />
        <p id="am-email-hint" className="muted mt-1 text-xs">
          The person needs an account already; a site admin creates accounts.
        </p>
      </div>
      <div>
        <label className="label" htmlFor="am-role">
          Role
        </label>
        <RoleSelect id="am-role" defaultValue="ANNOTATOR" />
      </div>
      <div className="pb-5">
        <button className="btn-primary" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </button>
      </div>
      <div className="w-full">
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function MembersManager({ projectId, members, selfId }: { projectId: string; members: Member[]; selfId: string }) {
  const [removal, onRemove, removing] = useFormAction(removeMemberAction);
  return (
    <section className="card space-y-4" aria-labelledby="members-h">
      <h2 id="members-h" className="text-lg font-semibold">
        Members
      </h2>
      <p className="muted text-sm">
        Managers change the project and its members; reviewers settle disagreements; annotators label documents. A project always keeps at
        least one manager.
      </p>
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Members of the project</caption>
        <thead>
          <tr className="text-left">
            <th scope="col" className="py-2 pr-4">
              Member
            </th>
            <th scope="col" className="py-2 pr-4">
              Role
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} className="align-top">
              <td className="border-t border-stone-200 py-2 pr-4 dark:border-stone-700">
                <div className="font-medium">
                  {m.name}
                  {m.userId === selfId ? " (you)" : ""}
                </div>
                <div className="muted">{m.email}</div>
                {m.disabled && <div className="text-xs text-red-800 dark:text-red-300">Account disabled</div>}
              </td>
              <td className="border-t border-stone-200 py-2 pr-4 dark:border-stone-700">
                <RoleForm projectId={projectId} member={m} />
              </td>
              <td className="border-t border-stone-200 py-2 dark:border-stone-700">
                <RemoveButton member={m} formId="remove-member-form" pending={removing} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form id="remove-member-form" onSubmit={onRemove} aria-label="Remove a member">
        <input type="hidden" name="projectId" value={projectId} />
        <FormStatus state={removal} />
      </form>
      <AddMemberForm projectId={projectId} />
    </section>
  );
}
