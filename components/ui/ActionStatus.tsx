/** The outcome of a form action: a status (✓) or an alert (⚠), in words and a symbol. */
export function ActionStatus({ state }: { state: { ok: boolean; message: string } | null }) {
  if (!state) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      className={`mt-2 text-sm ${state.ok ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}
    >
      {state.ok ? "✓ " : "⚠ "}
      {state.message}
    </p>
  );
}
