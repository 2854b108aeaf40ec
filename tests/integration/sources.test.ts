/**
 * The source ledger (server/sources/ledger.ts): who may read and change it, merge and unmerge
 * changing no label, the report grouping names by entry, and a merge racing an alias created at
 * the same moment (forced on PostgreSQL, tests/support/interleave.ts).
 */
import { spawnSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect } from "../support/export-fixture";
import { useTestDatabase } from "../support/db";
import { openGate, type Gate } from "../support/interleave";
import { label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { saveAnnotation } from "@/server/annotations";
import { getDb } from "@/server/db/client";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { getArticleReport } from "@/server/reports/article";
import { getProjectAgreement } from "@/server/agreement";
import {
  createSource,
  deleteSource,
  getSourceLedger,
  linkNames,
  mergeSources,
  setSourceAttributes,
  sourceNameOptions,
  splitAliases,
  updateSource,
} from "@/server/sources/ledger";
import { streamExport } from "@/server/export";
import { sourceNameKey } from "@/lib/sources/names";
import { LEDGER_FILES, NAME_KEY_PYTHON } from "@/lib/sources/ledger-files";

useTestDatabase();

// Written for Slant's tests: a fictional report, no outlet published it.
const TEXT =
  "Written for Slant's tests: a fictional report. Aliyev said the army would push on. " +
  "Azerbaijan's President said talks were over. Ilham Aliyev said civilians were safe.";

let ann1: Actor, ann2: Actor, rev: Actor, mgr: Actor, stranger: Actor;
let p: Awaited<ReturnType<typeof newProject>>;
let gate: Gate;

const nameLabel = (a: Actor, index: number, value: string) =>
  saveAnnotation(a, {
    documentId: p.documents[0]!.id,
    segmentId: p.documents[0]!.segments[index]!.id,
    dimension: "source_name",
    target: null,
    value,
    baseVersion: null,
  });

/** Every stored label of the project, to show that ledger changes leave them as they were. */
const allLabels = async () =>
  (await getDb()).annotation.findMany({
    where: { projectId: p.projectId },
    orderBy: { id: "asc" },
    select: { id: true, dimension: true, value: true, version: true, updatedAt: true },
  });

beforeAll(async () => {
  [ann1, ann2, rev, mgr, stranger] = (await Promise.all(
    ["l-a1", "l-a2", "l-rev", "l-mgr", "l-str"].map((n) => newActor(`${n}@example.org`)),
  )) as [Actor, Actor, Actor, Actor, Actor];
  p = await newProject(
    "Ledger",
    [
      [ann1, "ANNOTATOR"],
      [ann2, "ANNOTATOR"],
      [rev, "REVIEWER"],
      [mgr, "MANAGER"],
    ],
    [{ title: "Fictional report", text: TEXT }],
  );
  const doc = p.documents[0]!;
  for (const a of [ann1, ann2])
    for (const i of [1, 2, 3])
      await label(a, doc, i, { sourcing: "paraphrased_attribution", type: "government_official", side: "azerbaijan" });
  await nameLabel(ann1, 1, "Aliyev");
  await nameLabel(ann2, 1, "aliyev");
  await nameLabel(ann1, 2, "Azerbaijan’s President");
  await nameLabel(ann2, 2, "Azerbaijan's President");
  await nameLabel(ann1, 3, "Ilham Aliyev");
  await nameLabel(ann2, 3, "Ilham  Aliyev");
  gate = await openGate();
});

afterAll(async () => {
  await gate.open();
  await gate.close();
});

describe("who may read and change the ledger", () => {
  it("a stranger gets not found for every read and write", async () => {
    await expect(getSourceLedger(stranger, p.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sourceNameOptions(stranger, p.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createSource(stranger, p.slug, { name: "X" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeSources(stranger, p.slug, { into: "a", from: ["b"] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(splitAliases(stranger, p.slug, { aliasIds: ["a"] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setSourceAttributes(stranger, p.slug, { attributes: ["gender"] })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an annotator can neither read the ledger (it lists colleagues' names) nor change it; a reviewer reads but cannot change", async () => {
    await expect(getSourceLedger(ann1, p.slug)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSource(ann1, p.slug, { name: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(linkNames(ann1, p.slug, "any", { names: ["X"] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(mergeSources(ann1, p.slug, { into: "a", from: ["b"] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSource(rev, p.slug, { name: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getSourceLedger(rev, p.slug)).resolves.toMatchObject({ sources: [] });
  });
});

describe("the ledger", () => {
  it("lists typed names no alias knows as pending, one per spelling-insensitive key, with label counts", async () => {
    const l = await getSourceLedger(mgr, p.slug);
    expect(l.pending.map((n) => [n.name, n.labels]).sort()).toEqual([
      ["Aliyev", 2],
      ["Azerbaijan's President", 2],
      ["Ilham Aliyev", 2],
    ]);
    expect(l.sides.map((s) => s.id)).toEqual(["armenia", "azerbaijan", "turkey", "independent_unclear"]);
  });

  it("checks type, side and attributes against the project", async () => {
    await expect(createSource(mgr, p.slug, { name: "X", side: "mars" })).rejects.toThrow(/side: "mars" is not a target/);
    await expect(createSource(mgr, p.slug, { name: "X", type: "wizard" })).rejects.toBeInstanceOf(InvalidError);
    await expect(createSource(mgr, p.slug, { name: "X", attributes: { gender: "f" } })).rejects.toThrow(/defines none/);
    await expect(createSource(mgr, p.slug, { name: "  " })).rejects.toBeInstanceOf(InvalidError);
  });

  it("merges three names into one entry and unmerges one in one step each, changing no label; the report groups by entry", async () => {
    const before = await allLabels();
    await setSourceAttributes(mgr, p.slug, { attributes: ["gender", "institution"] });
    const main = await createSource(mgr, p.slug, {
      name: "Ilham Aliyev",
      type: "government_official",
      side: "armenia",
      attributes: { gender: "male" },
    });
    const other = await createSource(mgr, p.slug, { name: "Aliyev" });
    const third = await createSource(mgr, p.slug, { name: "Azerbaijan’s president" });
    // A name another entry has is refused, naming the entry.
    await expect(linkNames(mgr, p.slug, main.id, { names: ["ALIYEV"] })).rejects.toBeInstanceOf(ConflictError);

    // Before the merge the report shows three sources.
    const rep = async () => (await getArticleReport(rev, p.slug, p.documents[0]!.id)).report.sources;
    expect((await rep()).map((s) => s.name).sort()).toEqual(["Aliyev", "Azerbaijan’s president", "Ilham Aliyev"]);

    expect(await mergeSources(mgr, p.slug, { into: main.id, from: [other.id, third.id] })).toEqual({ id: main.id, merged: 2, aliases: 2 });
    let l = await getSourceLedger(mgr, p.slug);
    expect(l.pending).toEqual([]);
    expect(l.sources.map((s) => [s.name, s.aliases.map((a) => a.name).sort(), s.labels, s.attributes])).toEqual([
      ["Ilham Aliyev", ["Aliyev", "Azerbaijan’s president", "Ilham Aliyev"], 6, { gender: "male" }],
    ]);
    const merged = await rep();
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ key: `source:${main.id}`, name: "Ilham Aliyev", sentences: 3, side: "azerbaijan" });
    // The annotators said azerbaijan; the ledger says armenia.
    expect(merged[0]!.entry).toMatchObject({ side: "armenia", sideDiffers: true, typeDiffers: false });

    // Unmerge: "Aliyev" leaves in one step.
    const aliyevAlias = l.sources[0]!.aliases.find((a) => a.name === "Aliyev")!;
    const split = await splitAliases(mgr, p.slug, { aliasIds: [aliyevAlias.id] });
    l = await getSourceLedger(mgr, p.slug);
    expect(l.sources.map((s) => [s.name, s.aliases.length]).sort()).toEqual([
      ["Aliyev", 1],
      ["Ilham Aliyev", 2],
    ]);
    expect((await rep()).map((s) => [s.name, s.sentences]).sort()).toEqual([
      ["Aliyev", 1],
      ["Ilham Aliyev", 2],
    ]);
    // Splitting off an entry's last name is refused; deleting the entry makes its name pending again.
    await expect(splitAliases(mgr, p.slug, { aliasIds: [aliyevAlias.id] })).rejects.toBeInstanceOf(InvalidError);
    await deleteSource(mgr, p.slug, split.id);
    expect((await getSourceLedger(mgr, p.slug)).pending.map((n) => n.name)).toEqual(["Aliyev"]);
    await linkNames(mgr, p.slug, main.id, { names: ["Aliyev"] });
    await updateSource(mgr, p.slug, main.id, { side: "azerbaijan", attributes: { institution: "Presidency" } });
    expect((await rep())[0]!.entry).toMatchObject({ sideDiffers: false });
    expect((await getSourceLedger(mgr, p.slug)).sources[0]!.attributes).toEqual({ gender: "male", institution: "Presidency" });

    // Agreement on source identity compares the resolved entries: the six names are one source.
    const agreement = (await getProjectAgreement(mgr, p.slug)).dimensions.find((d) => d.key === "source_name")!;
    expect([agreement.units, agreement.categories.map((c) => c.label)]).toEqual([3, ["Ilham Aliyev"]]);

    // No label changed through all of it.
    expect(await allLabels()).toEqual(before);
    const events = await (await getDb()).auditEvent.findMany({ where: { projectId: p.projectId, action: { startsWith: "source." } } });
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(["source.attributes", "source.create", "source.merge", "source.split", "source.delete", "source.link", "source.update"]),
    );
  });

  it("offers an annotator the ledger's names and their own earlier names, never a colleague's unapproved one", async () => {
    await nameLabel(ann1, 1, "Aliyev");
    const seg = p.documents[0]!.segments[0]!;
    await saveAnnotation(ann2, {
      documentId: p.documents[0]!.id,
      segmentId: seg.id,
      dimension: "source_name",
      target: null,
      value: "Mevlut Cavusoglu",
      baseVersion: null,
    });
    const mine = await sourceNameOptions(ann1, p.slug);
    expect(mine.map((o) => o.name)).toContain("Ilham Aliyev");
    expect(mine.find((o) => o.name === "Aliyev")).toEqual({ name: "Aliyev", detail: "source ledger: Ilham Aliyev" });
    expect(mine.map((o) => o.name)).not.toContain("Mevlut Cavusoglu");
    expect((await sourceNameOptions(ann2, p.slug)).find((o) => o.name === "Mevlut Cavusoglu")).toEqual({
      name: "Mevlut Cavusoglu",
      detail: "your earlier name",
    });
  });
});

describe("the ledger in the dataset package", () => {
  const files = async (actor: Actor) => unzipSync(await collect((await streamExport(actor, p.slug, { format: "package" })).chunks));

  it("holds the Sources page's entries and one row per typed name, joinable to the labels by key", async () => {
    const zip = await files(rev);
    const page = await getSourceLedger(rev, p.slug);
    const json = JSON.parse(strFromU8(zip[LEDGER_FILES.json]!)) as { sources: unknown; pending: unknown; attributes: unknown };
    expect([json.sources, json.pending, json.attributes]).toEqual(
      JSON.parse(JSON.stringify([page.sources, page.pending, page.attributes])),
    );
    const rows = parse(strFromU8(zip[LEDGER_FILES.namesCsv]!), { columns: true }) as Record<string, string>[];
    // Every name a label holds resolves through names.csv to what the reports resolve it to.
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const typed = (await allLabels()).filter((l) => l.dimension === "source_name").map((l) => l.value as string);
    for (const name of typed) {
      const row = byKey.get(sourceNameKey(name));
      const entry = page.sources.find((s) => s.aliases.some((a) => a.key === sourceNameKey(name)));
      expect([name, row?.status, row?.source_name || null]).toEqual([name, entry ? "linked" : "pending", entry?.name ?? null]);
    }
    expect(rows.find((r) => r.name === "Aliyev")).toMatchObject({ status: "linked", source_name: "Ilham Aliyev", side: "azerbaijan" });
    expect(Object.keys(rows[0]!)).toEqual([
      "name",
      "key",
      "labels",
      "status",
      "source_id",
      "source_name",
      "type",
      "side",
      "attribute:gender",
      "attribute:institution",
    ]);
    expect(strFromU8(zip["README.md"]!)).toContain(LEDGER_FILES.namesCsv);
  });

  it("gives the rule for keys in Python, and it keys names as Slant does", () => {
    const names = ["Mevlüt  Çavuşoğlu", "Azerbaijan’s President", " ILHAM\tALIYEV ", "Zoë `Ŝ` Ω", "ﬁnance ministry"];
    const py = spawnSync(
      "python3",
      ["-c", `import json, re, sys, unicodedata\n${NAME_KEY_PYTHON}print(json.dumps([name_key(n) for n in json.load(sys.stdin)]))`],
      {
        input: JSON.stringify(names),
        encoding: "utf8",
      },
    );
    expect(py.stderr).toBe("");
    expect(JSON.parse(py.stdout)).toEqual(names.map(sourceNameKey));
  });

  it("says why an annotator gets none", async () => {
    const zip = await files(ann1);
    expect(zip[LEDGER_FILES.namesCsv]).toBeUndefined();
    expect(JSON.parse(strFromU8(zip[LEDGER_FILES.json]!))).toEqual({ unavailable: expect.stringMatching(/see the source ledger/) });
  });
});

describe("a merge and an alias created at the same moment", () => {
  it("the alias is never lost and nothing fails (5 forced interleavings)", async () => {
    const db = await getDb();
    const lost: string[] = [];
    for (let round = 0; round < 5; round++) {
      const into = await createSource(mgr, p.slug, { name: `Into ${round}` });
      const from = await createSource(mgr, p.slug, { name: `From ${round}` });
      // The link stops at its insert (the foreign key check on the entry it links to) after its
      // reads; the merge of that entry runs meanwhile; then the link goes on.
      await gate.hold("Source", [from.id]);
      const settle = <T>(q: Promise<T>) =>
        q.then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      const linking = settle(linkNames(mgr, p.slug, from.id, { names: [`Typed ${round}`] }));
      await gate.settledOrWaiting(linking, 1);
      const merging = settle(mergeSources(mgr, p.slug, { into: into.id, from: [from.id] }));
      await gate.settledOrWaiting(merging, 2);
      await gate.open();
      const [link, merge] = await Promise.all([linking, merging]);
      if (!link.ok) lost.push(`round ${round}: link failed: ${String(link.error)}`);
      if (!merge.ok) lost.push(`round ${round}: merge failed: ${String(merge.error)}`);
      const alias = await db.sourceAlias.findFirst({
        where: { projectId: p.projectId, name: `Typed ${round}` },
        select: { sourceId: true },
      });
      if (alias?.sourceId !== into.id) lost.push(`round ${round}: the typed name ended on ${alias?.sourceId ?? "nothing"}`);
    }
    expect(lost).toEqual([]);
  });
});
