"use client";

/**
 * A label option: pressed when chosen (✓ and aria-pressed, not colour alone), its keyboard key as a
 * hint, and optionally marked as a value nobody has chosen yet (dashed border and a word, not colour
 * alone): the unaccepted majority in review, or the machine's suggestion in the workspace.
 */
export function ChoiceButton({
  pressed,
  majority = false,
  suggested = false,
  onClick,
  label,
  hint,
  title,
}: {
  pressed: boolean;
  majority?: boolean;
  suggested?: boolean;
  onClick: () => void;
  label: string;
  hint?: string;
  title?: string;
}) {
  const ghost = pressed ? null : majority ? "majority" : suggested ? "suggested" : null;
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={title}
      onClick={onClick}
      className={`rounded-md border px-2 py-1 text-sm ${
        pressed
          ? "border-blue-800 bg-blue-700 font-semibold text-white dark:border-blue-300"
          : ghost
            ? "border-2 border-dashed border-blue-700 bg-blue-50 text-stone-900 dark:bg-blue-950 dark:text-stone-100"
            : "border-stone-300 bg-white hover:bg-stone-100 dark:border-stone-600 dark:bg-stone-800 dark:hover:bg-stone-700"
      }`}
    >
      {pressed && <span aria-hidden>✓ </span>}
      {label}
      {ghost && (
        <>
          {" "}
          <span className="text-xs font-semibold text-blue-800 dark:text-blue-300">{ghost}</span>
        </>
      )}
      {hint && (
        <kbd
          aria-hidden
          className={`ml-1.5 rounded border px-1 text-xs ${pressed ? "border-blue-300" : "border-stone-300 text-stone-500 dark:border-stone-600"}`}
        >
          {hint}
        </kbd>
      )}
    </button>
  );
}
