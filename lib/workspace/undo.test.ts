import { describe, expect, it } from "vitest";
import { UndoHistory, type UndoEntry } from "@/lib/workspace/undo";

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

const change = (key: string, previous: unknown, after: unknown): UndoEntry => ({
  kind: "annotation",
  key,
  body: { documentId: "d", segmentId: "s1", dimension: "sourcing", target: null, value: after },
  previous,
  after,
});

describe("UndoHistory", () => {
  it("survives a reload: a new history on the same storage key has the same changes, last first", () => {
    const storage = memoryStorage();
    const h = new UndoHistory(storage, "slant:undo:u:d");
    h.push(change("a:s1:sourcing:", null, "direct_quote"));
    h.push(change("a:s1:sourcing:", "direct_quote", "no_claim"));
    const reloaded = new UndoHistory(storage, "slant:undo:u:d");
    expect(reloaded.size).toBe(2);
    const shown: Record<string, unknown> = { "a:s1:sourcing:": "no_claim" };
    const first = reloaded.pop((e) => shown[e.key])!;
    expect(first).toMatchObject({ changedElsewhere: false, entry: { previous: "direct_quote" } });
    shown["a:s1:sourcing:"] = "direct_quote";
    expect(reloaded.pop((e) => shown[e.key])).toMatchObject({ changedElsewhere: false, entry: { previous: null } });
    expect(reloaded.pop(() => null)).toBeNull();
    expect(storage.m.has("slant:undo:u:d")).toBe(false);
    // another document's history is its own
    expect(new UndoHistory(storage, "slant:undo:u:other").size).toBe(0);
  });

  it("a change whose value is no longer the one shown (changed in another tab) is dropped, not undone", () => {
    const h = new UndoHistory(memoryStorage(), "k");
    h.push(change("a:s1:sourcing:", null, "direct_quote"));
    expect(h.pop(() => "paraphrase")).toMatchObject({ changedElsewhere: true });
    expect(h.size).toBe(0);
  });

  it("keeps the last 50 changes and ignores an unreadable stored history", () => {
    const storage = memoryStorage();
    const h = new UndoHistory(storage, "k");
    for (let i = 0; i < 60; i++) h.push(change(`a:s${i}:sourcing:`, null, "x"));
    expect(new UndoHistory(storage, "k").size).toBe(50);
    storage.setItem("k", "{not json");
    expect(new UndoHistory(storage, "k").size).toBe(0);
    storage.setItem("k", JSON.stringify([{ kind: "nonsense" }, change("a:s1:sourcing:", null, "x")]));
    expect(new UndoHistory(storage, "k").size).toBe(1);
  });
});
