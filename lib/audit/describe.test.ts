import { describe, expect, it } from "vitest";
import { actionWords, changeLines, entityWords, type AuditEntityContext } from "./describe";

const ctx: AuditEntityContext = {
  documents: new Map([["d1", "Ganja strike (written for Slant's tests)"]]),
  segments: new Map([["s1", { documentId: "d1", index: 3 }]]),
  dimensions: new Map([["stance", "Stance"]]),
  targets: new Map([["armenia", "Armenia"]]),
  members: new Map([["m1", "Ana <ana@example.org>"]]),
};
const ev = (entityType: string, entityId: string, before: unknown = null, after: unknown = null) => ({
  action: "x",
  entityType,
  entityId,
  before,
  after,
});

describe("entityWords", () => {
  it("names the document, the sentence number (from 1) and the dimension with its target", () => {
    expect(entityWords(ev("annotation", "s1:stance:armenia"), ctx)).toBe(
      "“Ganja strike (written for Slant's tests)”, sentence 4 · Stance toward Armenia",
    );
    expect(entityWords(ev("gold", "s1:stance:"), ctx)).toBe("“Ganja strike (written for Slant's tests)”, sentence 4 · Stance");
    expect(entityWords(ev("segment", "s1"), ctx)).toBe("“Ganja strike (written for Slant's tests)”, sentence 4");
    expect(entityWords(ev("document", "d1"), ctx)).toBe("“Ganja strike (written for Slant's tests)”");
    expect(entityWords(ev("member", "m1"), ctx)).toBe("Ana <ana@example.org>");
  });

  it("says what is gone instead of showing an id, and keeps unknown dimensions and targets by id", () => {
    expect(entityWords(ev("segment", "gone"), ctx)).toMatch(/no longer stored/);
    expect(entityWords(ev("document", "gone"), ctx)).toBe("a deleted document");
    expect(entityWords(ev("annotation", "s1:old_dim:narnia"), ctx)).toMatch(/· old_dim toward narnia$/);
    expect(entityWords(ev("token", "t1", null, { name: "ci" }), ctx)).toBe("token “ci”");
  });
});

describe("actionWords", () => {
  it("words known actions and keeps unknown codes", () => {
    expect(actionWords("project.schema")).toBe("Label schema changed");
    expect(actionWords("something.new")).toBe("something.new");
  });
});

describe("changeLines", () => {
  const schema = (stanceLabel: string, extra: object[] = []) => ({
    version: 1,
    dimensions: [
      {
        id: "stance",
        label: "Stance",
        kind: "per_target",
        values: [{ id: "pro", label: stanceLabel, key: "1" }, { id: "neutral", label: "Neutral", key: "2" }, ...extra],
      },
      { id: "note", label: "Note", kind: "text" },
    ],
  });

  it("shows a schema edit as the one label that changed, not the whole schema", () => {
    const lines = changeLines(
      { schemaVersion: 3, labelSchema: schema("Favourable") },
      { schemaVersion: 4, labelSchema: schema("Supportive") },
    );
    expect(lines).toEqual([
      'labelSchema › dimensions › “Stance” › values › “Supportive” › label: "Favourable" → "Supportive"',
      "schemaVersion: 3 → 4",
    ]);
  });

  it("names added and removed list members and notices a new order", () => {
    const added = changeLines({ s: schema("Pro") }, { s: schema("Pro", [{ id: "against", label: "Against", key: "3" }]) });
    expect(added).toEqual(["s › dimensions › “Stance” › values: added “Against”"]);
    const removed = changeLines(
      {
        targets: [
          { key: "a", name: "Armenia" },
          { key: "t", name: "Turkey" },
        ],
      },
      { targets: [{ key: "t", name: "Turkey" }] },
    );
    expect(removed).toEqual(["targets: removed “Armenia”"]);
    const moved = changeLines(
      {
        targets: [
          { key: "a", name: "A" },
          { key: "t", name: "T" },
        ],
      },
      {
        targets: [
          { key: "t", name: "T" },
          { key: "a", name: "A" },
        ],
      },
    );
    expect(moved).toEqual(["targets: order changed"]);
  });

  it("lists a creation field by field and a plain value change as before → after", () => {
    expect(changeLines(null, { value: "pro", version: 1 })).toEqual(['value: set to "pro"', "version: set to 1"]);
    expect(changeLines({ value: "pro", version: 1 }, { value: "neutral", version: 2 })).toEqual([
      'value: "pro" → "neutral"',
      "version: 1 → 2",
    ]);
    expect(changeLines({ value: ["a", "b"] }, { value: ["a"] })).toEqual(['value: ["a","b"] → ["a"]']);
    expect(changeLines({ same: 1 }, { same: 1 })).toEqual([]);
    // jsonb (PostgreSQL) returns keys in its own order: that is no change.
    expect(changeLines({ a: { x: 1, yy: 2 } }, { a: { yy: 2, x: 1 } })).toEqual([]);
  });

  it("cuts a long diff and says how many lines were left out", () => {
    const before = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i + 1]));
    const lines = changeLines(before, after);
    expect(lines).toHaveLength(41);
    expect(lines.at(-1)).toBe("… and 10 more changes");
  });
});
