/**
 * The workspace's keyboard map, built from the project's label schema: each value's `key`
 * picks that value (for per-target dimensions, for the focused target); span labels' keys mark
 * the selected words. The navigation keys below are the workspace's own and win over schema keys.
 */
import type { LabelSchema } from "@/lib/schema/schema";

export const NAV_KEYS = {
  next: ["j", "ArrowDown"],
  prev: ["k", "ArrowUp"],
  nextTarget: ["t"],
  prevTarget: ["T"],
  confirm: ["Enter"],
  note: ["/"],
  flag: ["f"],
  undo: ["z"],
  help: ["?"],
  guidelines: ["G"],
  clearSelection: ["Escape"],
  // the word caret of the current sentence (Shift+←/→ extend; handled with the modifiers)
  caretLeft: ["ArrowLeft"],
  caretRight: ["ArrowRight"],
  find: ["'"],
  nextMatch: ["n"],
  prevMatch: ["N"],
  // accepts the current sentence's suggested values (lib/workspace/ghosts.ts)
  acceptSuggestions: ["y"],
  // Shift+D: marks the document done (components/workspace/DoneButton.tsx)
  markDone: ["D"],
} as const;
export type NavAction = keyof typeof NAV_KEYS;

const reserved = new Set<string>(Object.values(NAV_KEYS).flat());

/** The workspace action of a key exactly as pressed (case matters: t and T differ). */
export function navAction(key: string): NavAction | null {
  for (const [action, keys] of Object.entries(NAV_KEYS) as [NavAction, readonly string[]][]) if (keys.includes(key)) return action;
  return null;
}

/** Digit keys for a target_choice dimension's targets, in project order (4, 5, … 9). */
export const TARGET_CHOICE_DIGITS = ["4", "5", "6", "7", "8", "9"];

export type KeyAction =
  | { type: "value"; dimension: string; perTarget: boolean; value: string; label: string }
  | { type: "span"; dimension: string; label: string; name: string };

export interface Keymap {
  actions: Map<string, KeyAction>;
  /** Schema keys that could not be used (reserved, or already taken), for the shortcut overlay. */
  conflicts: string[];
}

export function buildKeymap(schema: LabelSchema, targets: readonly { key: string; name: string }[] = []): Keymap {
  const actions = new Map<string, KeyAction>();
  const owners = new Map<string, string>();
  const conflicts: string[] = [];
  const add = (key: string | undefined, action: KeyAction, what: string) => {
    if (!key) return;
    const k = key.toLowerCase();
    if (reserved.has(k) || reserved.has(key)) {
      conflicts.push(`"${key}" for ${what} is one of the workspace's own keys`);
      return;
    }
    const owner = owners.get(k);
    if (owner !== undefined) {
      conflicts.push(`"${key}" for ${what} is already the key of ${owner}`);
      return;
    }
    actions.set(k, action);
    owners.set(k, what);
  };
  for (const d of schema.dimensions) {
    if (d.kind === "per_target" || d.kind === "single" || d.kind === "multi" || d.kind === "target_choice") {
      for (const v of d.values)
        add(
          v.key,
          { type: "value", dimension: d.id, perTarget: d.kind === "per_target", value: v.id, label: v.label },
          `${d.label}: ${v.label}`,
        );
      if (d.kind === "target_choice") {
        targets
          .slice(0, TARGET_CHOICE_DIGITS.length)
          .forEach((t, i) =>
            add(
              TARGET_CHOICE_DIGITS[i],
              { type: "value", dimension: d.id, perTarget: false, value: t.key, label: t.name },
              `${d.label}: ${t.name}`,
            ),
          );
      }
    } else if (d.kind === "span") {
      for (const v of d.values) add(v.key, { type: "span", dimension: d.id, label: v.id, name: v.label }, `${d.label}: ${v.label}`);
    }
  }
  return { actions, conflicts };
}

/** Normalises a keyboard event's key for lookup in the keymap. */
export function lookupKey(key: string): string {
  return key.length === 1 ? key.toLowerCase() : key;
}

/**
 * The keys an edited schema gives that the workspace could not use: one of its own keys, or a key
 * another value (in any dimension) already has. Checked when a schema is saved, so a value never
 * silently loses its shortcut; a target choice is checked with its six digit keys taken, whatever
 * the project's targets. Stored schemas are not re-checked on reading: they keep loading.
 */
export function schemaKeyClashes(schema: LabelSchema): string[] {
  const placeholders = TARGET_CHOICE_DIGITS.map((_, i) => ({ key: `target_${i + 1}`, name: `the project's target ${i + 1}` }));
  return buildKeymap(schema, placeholders).conflicts;
}
