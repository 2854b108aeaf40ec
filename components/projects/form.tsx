"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionState } from "@/server/action";

/**
 * useActionState for forms: the form is submitted from onSubmit (not `<form action>`), so React
 * does not reset it and a refused save keeps what was typed. `resetOnSuccess` clears a form whose
 * fields are the browser's own (create a user, a token) once the server accepted it.
 */
export function useFormAction(
  action: (prev: ActionState | null, form: FormData) => Promise<ActionState>,
  { resetOnSuccess = false }: { resetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const submitted = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (resetOnSuccess && state?.ok) submitted.current?.reset();
  }, [state, resetOnSuccess]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    submitted.current = e.currentTarget;
    const form = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(form));
  };
  return [state, onSubmit, pending] as const;
}

export const ROLE_LABELS = { MANAGER: "Manager", REVIEWER: "Reviewer", ANNOTATOR: "Annotator" } as const;
