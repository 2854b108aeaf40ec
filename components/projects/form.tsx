"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionState } from "@/server/action";

export type { ActionState };

/**
 * useActionState for forms whose fields are React state: the form is submitted from onSubmit
 * (not `<form action>`), so React does not reset it and a refused save keeps what was typed.
 */
export function useFormAction(action: (prev: ActionState | null, form: FormData) => Promise<ActionState>) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(form));
  };
  return [state, onSubmit, pending] as const;
}

/** The answer to a form: role=status when it worked, role=alert when not; the icon and words say which, not only the colour. */
export function FormStatus({ state, id }: { state: ActionState | null; id?: string }) {
  if (!state) return null;
  return (
    <div
      id={id}
      role={state.ok ? "status" : "alert"}
      className={`mt-2 text-sm ${state.ok ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}
    >
      <p>
        <span aria-hidden="true">{state.ok ? "✓ " : "⚠ "}</span>
        {state.message}
      </p>
      {state.errors && state.errors.length > 1 && (
        <ul className="mt-1 list-disc pl-5 font-mono text-xs">
          {state.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ROLE_LABELS = { MANAGER: "Manager", REVIEWER: "Reviewer", ANNOTATOR: "Annotator" } as const;
