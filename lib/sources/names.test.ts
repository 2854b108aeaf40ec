import { describe, expect, it } from "vitest";
import { matchNames, sourceNameKey, sourceResolver, typedNames, NO_LEDGER } from "./names";

const aliyev = { id: "s1", name: "Ilham Aliyev", type: "official", side: "azerbaijan" };
const pashinyan = { id: "s2", name: "Nikol Pashinyan", type: "official", side: "armenia" };

describe("sourceNameKey", () => {
  it("ignores case, accents, spacing and typographic apostrophes", () => {
    expect(sourceNameKey("  Mevlüt   Çavuşoğlu ")).toBe("mevlut cavusoglu");
    expect(sourceNameKey("Azerbaijan’s President")).toBe(sourceNameKey("azerbaijan's president"));
    expect(sourceNameKey("Aliyev")).not.toBe(sourceNameKey("Ilham Aliyev"));
  });
});

describe("sourceResolver", () => {
  const aliases = [
    { key: sourceNameKey("Aliyev"), sourceId: "s1" },
    { key: sourceNameKey("Ilham Aliyev"), sourceId: "s1" },
    { key: sourceNameKey("Azerbaijan's President"), sourceId: "s1" },
    { key: sourceNameKey("Pashinyan"), sourceId: "s2" },
  ];
  const ledger = sourceResolver([aliyev, pashinyan], aliases);

  it("resolves every alias, in any spelling, to its entry; a name no alias knows to nothing", () => {
    for (const n of ["Aliyev", "ILHAM  ALIYEV", "Azerbaijan’s president"]) expect(ledger.resolve(n)).toEqual(aliyev);
    expect(ledger.resolve("pashinyan")).toEqual(pashinyan);
    expect(ledger.resolve("Nikol Pashinyan")).toBeNull();
  });

  it("gives names of one entry one identity, and unknown names their own", () => {
    expect(ledger.identity("Aliyev")).toBe("source:s1");
    expect(ledger.identity("Azerbaijan's President")).toBe("source:s1");
    expect(ledger.identity("Moscow")).toBe("name:moscow");
    expect(NO_LEDGER.identity("Aliyev")).not.toBe(NO_LEDGER.identity("Ilham Aliyev"));
  });

  it("a merge is the aliases of one entry pointing at another; an unmerge points one back", () => {
    const merged = sourceResolver(
      [aliyev],
      aliases.map((a) => ({ ...a, sourceId: "s1" })),
    );
    expect(merged.identity("Pashinyan")).toBe(merged.identity("Aliyev"));
    const split = sourceResolver(
      [aliyev, { ...pashinyan, id: "s3", name: "Pashinyan" }],
      aliases.map((a) => (a.key === "pashinyan" ? { ...a, sourceId: "s3" } : { ...a, sourceId: "s1" })),
    );
    expect(split.identity("Pashinyan")).toBe("source:s3");
    expect(split.identity("Aliyev")).toBe("source:s1");
  });

  it("ignores an alias whose entry is not loaded", () => {
    expect(sourceResolver([], [{ key: "x", sourceId: "gone" }]).resolve("X")).toBeNull();
  });
});

describe("typedNames", () => {
  it("groups typed names by key, keeps the spelling typed most often and counts labels; skips non-names", () => {
    expect(typedNames(["Aliyev", "aliyev", "Aliyev ", "Baku", null, "", 3, "  "])).toEqual([
      { key: "aliyev", name: "Aliyev", labels: 3 },
      { key: "baku", name: "Baku", labels: 1 },
    ]);
  });
});

describe("matchNames", () => {
  const options = [
    { name: "Mevlüt Çavuşoğlu", detail: "source ledger" },
    { name: "Cavusoglu's office", detail: "your earlier name" },
    { name: "Ilham Aliyev", detail: "source ledger" },
    { name: "Aliyev", detail: "source ledger: Ilham Aliyev" },
    { name: "Moscow", detail: "your earlier name" },
  ];
  it("finds a name by any word's start, accent- and case-insensitively ('Cavusoglu' finds 'Mevlüt Çavuşoğlu')", () => {
    expect(matchNames("Cavusoglu", options).map((o) => o.name)).toEqual(["Cavusoglu's office", "Mevlüt Çavuşoğlu"]);
    expect(matchNames("m cav", options).map((o) => o.name)).toEqual(["Mevlüt Çavuşoğlu"]);
  });
  it("ranks a whole-name prefix first, then word starts, then any substring; empty finds nothing", () => {
    expect(matchNames("aliyev", options).map((o) => o.name)).toEqual(["Aliyev", "Ilham Aliyev"]);
    expect(matchNames("scow", options).map((o) => o.name)).toEqual(["Moscow"]);
    expect(matchNames("  ", options)).toEqual([]);
    expect(matchNames("a", options, 2)).toHaveLength(2);
  });
});
