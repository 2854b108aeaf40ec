/**
 * The sourcing reports' cache (server/reports/cache.ts): after each kind of change a report reads,
 * the cached figures equal figures computed afresh, on SQLite and PostgreSQL; a write that lands
 * while an entry is being computed never leaves that entry looking current.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { saveAnnotation } from "@/server/annotations";
import { saveGoldLabel } from "@/server/gold";
import { splitSegment } from "@/server/segments";
import { updateLabelSchema, updateTargets } from "@/server/project-settings";
import { createSource, linkNames } from "@/server/sources/ledger";
import { updateOutletAliases } from "@/server/outlets";
import { updateDocument } from "@/server/stories";
import { articleReports, reportSetup } from "@/server/reports/article";
import { cachedArticleReports, cachedGroupReports, reportOrder, type CacheHooks } from "@/server/reports/cache";
import { streamArticleReports } from "@/server/reports/articles";
import { groupReports } from "@/lib/reports/aggregate";
import { SOURCE_COLUMNS, sourceRows } from "@/lib/reports/csv";
import { csvRow } from "@/lib/formats/csv-write";

useTestDatabase();

// Written for Slant's tests; no outlet published them.
const TEXT_A =
  "Written for Slant's tests: a fictional report. Ilham Aliyev said the army would push on. " +
  "A ministry spokesperson said civilians were hit. The strikes were brutal and senseless.";
const TEXT_B =
  "Written for Slant's tests: another fictional report. Aliyev said the offensive would continue. " +
  "Armenian officials denied the claims. Observers said the shelling went on overnight.";

let ann1: Actor, ann2: Actor, rev: Actor, mgr: Actor;
let p: Awaited<ReturnType<typeof newProject>>;

/** A label saved over whatever the annotator stored before (its version read first). */
async function relabel(actor: Actor, docIndex: number, index: number, dimension: string, value: unknown, target: string | null = null) {
  const doc = p.documents[docIndex]!;
  const db = await getDb();
  const stored = await db.annotation.findFirst({
    where: { segmentId: doc.segments[index]!.id, userId: actor.id, dimension, target: target ?? "" },
    select: { version: true },
  });
  await saveAnnotation(actor, {
    documentId: doc.id,
    segmentId: doc.segments[index]!.id,
    dimension,
    target,
    value,
    baseVersion: stored?.version ?? null,
  });
}

/** Fresh figures (no cache) against the cache's; returns how many computations the cached read ran. */
async function compareWithFresh() {
  const db = await getDb();
  const ids = await reportOrder(db, p.projectId);
  const { reports: fresh } = await articleReports(db, await reportSetup(db, p.projectId), {}, null);
  let computed = 0;
  const counting: CacheHooks = { afterStamps: async () => void computed++ };
  expect(await cachedArticleReports(db, p.projectId, ids, counting)).toEqual(fresh);
  for (const by of ["outlet", "story"] as const)
    expect((await cachedGroupReports(db, p.projectId, by)).groups).toEqual(groupReports(fresh, by));
  // Now warm: read again without computing anything.
  const refuse: CacheHooks = {
    afterStamps: () => {
      throw new Error("a current entry was computed again");
    },
  };
  expect(await cachedArticleReports(db, p.projectId, ids, refuse)).toEqual(fresh);
  for (const by of ["outlet", "story"] as const)
    expect((await cachedGroupReports(db, p.projectId, by, refuse)).groups).toEqual(groupReports(fresh, by));
  return { computed, fresh };
}

beforeAll(async () => {
  [ann1, ann2, rev, mgr] = (await Promise.all(["rc-a1", "rc-a2", "rc-rev", "rc-mgr"].map((n) => newActor(`${n}@example.org`)))) as [
    Actor,
    Actor,
    Actor,
    Actor,
  ];
  p = await newProject(
    "Report cache",
    [
      [ann1, "ANNOTATOR"],
      [ann2, "ANNOTATOR"],
      [rev, "REVIEWER"],
      [mgr, "MANAGER"],
    ],
    [
      { title: "Fictional report A", text: TEXT_A, outlet: "Outlet One", story: "Offensive" },
      { title: "Fictional report B", text: TEXT_B, outlet: "OutletOne", story: "Offensive" },
    ],
  );
  for (const a of [ann1, ann2]) {
    await label(a, p.documents[0]!, 1, { sourcing: "paraphrased_attribution", type: "government_official", side: "azerbaijan" });
    await label(a, p.documents[0]!, 3, { sourcing: "unattributed_claim", stance: { armenia: "unfavorable" } });
    await label(a, p.documents[1]!, 1, { sourcing: "direct_quote", type: "government_official", side: "azerbaijan" });
  }
  await relabel(ann1, 0, 1, "source_name", "Ilham Aliyev");
  await relabel(ann2, 0, 1, "source_name", "Ilham Aliyev");
  await relabel(ann1, 1, 1, "source_name", "Aliyev");
});

describe("report cache", () => {
  it("computes every entry once, then reads them", async () => {
    const { computed, fresh } = await compareWithFresh();
    expect(computed).toBeGreaterThan(0);
    expect(fresh.map((r) => r.document.outlet)).toEqual(["Outlet One", "OutletOne"]);
  });

  // Each change, then the cached figures must equal fresh ones, recomputed (not served stale).
  const changes: [string, () => Promise<unknown>][] = [
    ["a label", () => relabel(ann1, 1, 2, "sourcing", "paraphrased_attribution")],
    ["a changed label", () => relabel(ann1, 0, 3, "stance", "favorable", "armenia")],
    [
      "a confirmation",
      () => label(ann2, p.documents[1]!, 2, { sourcing: "paraphrased_attribution", type: "government_official", side: "armenia" }),
    ],
    [
      "a gold label",
      async () =>
        saveGoldLabel(rev, {
          documentId: p.documents[0]!.id,
          segmentId: p.documents[0]!.segments[3]!.id,
          dimension: "sourcing",
          target: null,
          value: "direct_quote",
          baseVersion: null,
        }),
    ],
    [
      "a split sentence",
      async () => {
        const doc = p.documents[1]!;
        const seg = doc.segments[3]!;
        const at = doc.text.indexOf(" went on", seg.start) + 1;
        await splitSegment(mgr, { documentId: doc.id, segmentId: seg.id, at, confirm: true });
      },
    ],
    [
      "an edited label schema",
      async () => {
        const db = await getDb();
        const { labelSchema, schemaVersion } = await db.project.findUniqueOrThrow({
          where: { id: p.projectId },
          select: { labelSchema: true, schemaVersion: true },
        });
        const json = JSON.stringify(labelSchema).replace('"Government official"', '"Government official (renamed)"');
        await updateLabelSchema(mgr, p.slug, { json, expectedVersion: schemaVersion });
      },
    ],
    [
      "a new target",
      async () => {
        const db = await getDb();
        const targets = await db.target.findMany({ where: { projectId: p.projectId }, orderBy: { position: "asc" } });
        await updateTargets(mgr, p.slug, { targets: [...targets.map((t) => ({ id: t.id, name: t.name })), { name: "NATO" }] });
      },
    ],
    ["a source ledger entry", () => createSource(mgr, p.slug, { name: "Ilham Aliyev", side: "azerbaijan" })],
    [
      "an alias of a ledger entry",
      async () => {
        const db = await getDb();
        const entry = await db.source.findFirstOrThrow({ where: { projectId: p.projectId }, select: { id: true } });
        await linkNames(mgr, p.slug, entry.id, { names: ["Aliyev"] });
      },
    ],
    ["an outlet alias", () => updateOutletAliases(mgr, p.slug, { outlets: [{ outlet: "Outlet One", aliases: ["OutletOne"] }] })],
    ["a document's story", () => updateDocument(mgr, p.documents[1]!.id, { story: "Offensive, day two" })],
  ];
  for (const [what, change] of changes)
    it(`after ${what}, equals figures computed afresh`, async () => {
      await change();
      const { computed } = await compareWithFresh();
      expect(computed).toBeGreaterThan(0);
    });

  it("shows the changes above (the cache followed them)", async () => {
    const { fresh } = await compareWithFresh();
    expect(fresh.map((r) => [r.document.outlet, r.document.story])).toEqual([
      ["Outlet One", "Offensive"],
      ["Outlet One", "Offensive, day two"],
    ]);
    expect(fresh[0]!.stance.map((s) => s.target)).toContain("nato");
    expect(fresh[0]!.sources.find((s) => s.name === "Ilham Aliyev")?.entry?.side).toBe("azerbaijan");
  });

  // The two orders that could leave an entry looking current with figures older than the data.
  for (const step of ["afterStamps", "beforeStore"] as const)
    it(`a label saved ${step === "afterStamps" ? "after the stamps are read" : "after the figures are computed"} leaves the entry stale`, async () => {
      const db = await getDb();
      const ids = await reportOrder(db, p.projectId);
      await relabel(ann2, 0, 2, "sourcing", step === "afterStamps" ? "direct_quote" : "unattributed_claim"); // the entry must be computed
      let saved = false;
      const hooks: CacheHooks = {
        [step]: async () => {
          if (saved) return;
          saved = true;
          await relabel(ann1, 0, 2, "sourcing", step === "afterStamps" ? "direct_quote" : "unattributed_claim");
          await relabel(ann1, 0, 2, "source_side", step === "afterStamps" ? "armenia" : "azerbaijan");
        },
      };
      await cachedArticleReports(db, p.projectId, ids, hooks);
      expect(saved).toBe(true);
      const { computed, fresh } = await compareWithFresh();
      expect(computed).toBeGreaterThan(0);
      expect(fresh[0]!.sides.find((s) => s.side === (step === "afterStamps" ? "armenia" : "azerbaijan"))).toBeDefined();
    });

  it("a label saved while the per-outlet figures are merged leaves them stale", async () => {
    const db = await getDb();
    await relabel(ann2, 1, 2, "sourcing", "no_claim");
    let saved = false;
    const before = await cachedGroupReports(db, p.projectId, "outlet", {
      beforeStore: async () => {
        saved = true;
        await relabel(ann2, 1, 2, "sourcing", "unattributed_claim");
      },
    });
    expect(saved).toBe(true);
    const { fresh } = await compareWithFresh();
    expect((await cachedGroupReports(db, p.projectId, "outlet")).groups).toEqual(groupReports(fresh, "outlet"));
    expect(before.groups).not.toEqual(groupReports(fresh, "outlet"));
  });

  it("streams the per-article rows the reports give", async () => {
    const { fresh } = await compareWithFresh();
    const file = await streamArticleReports(mgr, p.slug, { format: "csv" });
    let text = "";
    const decoder = new TextDecoder();
    for await (const c of file.chunks) text += decoder.decode(c);
    expect(text).toBe(csvRow(SOURCE_COLUMNS) + [...sourceRows(fresh)].join(""));
    const jsonl = await streamArticleReports(mgr, p.slug, { format: "jsonl" });
    let lines = "";
    for await (const c of jsonl.chunks) lines += decoder.decode(c);
    expect(
      lines
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(fresh);
  });
});
