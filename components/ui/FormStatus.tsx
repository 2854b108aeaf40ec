import type { ActionState } from "@/server/action";

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
