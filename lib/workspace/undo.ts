/**
 * The workspace's undo history, kept in the tab's session storage (keyed by user and document) so
 * that it survives a reload. Undo writes the earlier value back as a new change through the save
 * queue, so it is versioned like any other: a value saved since from another tab is a conflict,
 * never overwritten. A change whose value is no longer the one shown (it was changed elsewhere
 * and the page reloaded, or the server refused it) is not undone.
 * Framework-free: storage is injected, so it is unit-tested without a browser.
 */
import type { KeyValueStore, OpKind } from "@/lib/workspace/queue";

export interface UndoEntry {
  kind: OpKind;
  /** the queue key the change wrote (`a:…` or `s:…`) */
  key: string;
  /** the change's request body; undo sends it again with `previous` as its value */
  body: Record<string, unknown>;
  /** the value before the change, as shown on screen */
  previous: unknown;
  /** the value the change set, as shown on screen */
  after: unknown;
}

export const UNDO_LIMIT = 50;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function isEntry(x: unknown): x is UndoEntry {
  if (!x || typeof x !== "object") return false;
  const e = x as Record<string, unknown>;
  return (e.kind === "annotation" || e.kind === "status") && typeof e.key === "string" && !!e.body && typeof e.body === "object";
}

export class UndoHistory {
  private entries: UndoEntry[];

  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly storageKey: string,
    private readonly limit = UNDO_LIMIT,
  ) {
    this.entries = [];
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(storageKey) ?? "[]");
      if (Array.isArray(parsed)) this.entries = parsed.filter(isEntry).slice(-limit);
    } catch {
      // unreadable history: start without one
    }
  }

  get size() {
    return this.entries.length;
  }

  push(entry: UndoEntry) {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    this.persist();
  }

  /**
   * Takes the last change off the history. `current` reads the value shown now for the entry's
   * key; when it is not the value the change set, the change is dropped as `changedElsewhere`.
   */
  pop(current: (entry: UndoEntry) => unknown): { entry: UndoEntry; changedElsewhere: boolean } | null {
    const entry = this.entries.pop();
    if (!entry) return null;
    this.persist();
    return { entry, changedElsewhere: !same(current(entry), entry.after) };
  }

  private persist() {
    try {
      if (this.entries.length) this.storage?.setItem(this.storageKey, JSON.stringify(this.entries));
      else this.storage?.removeItem(this.storageKey);
    } catch {
      // Storage full or disabled: the history still works while the page is open.
    }
  }
}
