"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionState } from "@/server/action";

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

export const ROLE_LABELS = { MANAGER: "Manager", REVIEWER: "Reviewer", ANNOTATOR: "Annotator" } as const;
