"use client";

/**
 * A label option: pressed when chosen (✓ and aria-pressed, not colour alone), its keyboard key as a
 * hint, and optionally marked as the unaccepted majority (dashed border and the word "majority").
 */
export function ChoiceButton({
  pressed,
  majority = false,
  onClick,
  label,
  hint,
  title,
}: {
  pressed: boolean;
  majority?: boolean;
  onClick: () => void;
  label: string;
  hint?: string;
  title?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={title}
      onClick={onClick}
      className={`rounded-md border px-2 py-1 text-sm ${
        pressed
          ? "border-blue-800 bg-blue-700 font-semibold text-white dark:border-blue-300"
          : majority
            ? "border-2 border-dashed border-blue-700 bg-blue-50 text-stone-900 dark:bg-blue-950 dark:text-stone-100"
            : "border-stone-300 bg-white hover:bg-stone-100 dark:border-stone-600 dark:bg-stone-800 dark:hover:bg-stone-700"
      }`}
    >
      {pressed && <span aria-hidden>✓ </span>}
      {label}
      {majority && !pressed && <span className="ml-1 text-xs font-semibold text-blue-800 dark:text-blue-300">majority</span>}
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
