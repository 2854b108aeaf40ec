/**
 * Migrations never destroy data: a migration that rebuilds the tables other tables point at (what
 * `npm run db:diff` emits on SQLite for a column change) keeps every row of every table, and a row
 * whose parent is missing stops the migration with a message naming it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useTestDatabase, usingPostgres } from "../support/db";
import { allRows, fillEveryTable, migrationsBefore, migrationsWith, parentTables, sqliteRebuild } from "../support/migrations";
import { DEMO_TEXT, label, newActor, newProject } from "../support/team";
import { disconnectDb, getDb } from "@/server/db/client";
import { migrate, MigrationError, readMigrations } from "@/server/db/migrate";
import { saveGoldLabel, sendBack } from "@/server/review";
import { createToken } from "@/server/tokens";
import { cachedGroupReports } from "@/server/reports/cache";
import { takeNextDocument } from "@/server/assignments";

const state = useTestDatabase();
const config = () => state.config!;
/** Migrations these tests applied beyond the committed ones: later migration folders must keep them. */
const applied: { name: string; sql: string }[] = [];

beforeAll(async () => {
  const [ana, ben, rita] = await Promise.all(["ana", "ben", "rita"].map((n) => newActor(`${n}@example.org`)));
  for (const name of ["First", "Second"]) {
    const p = await newProject(
      name,
      [
        [ana!, "ANNOTATOR"],
        [ben!, "ANNOTATOR"],
        [rita!, "REVIEWER"],
      ],
      [
        { title: `${name} A`, text: DEMO_TEXT },
        { title: `${name} B`, text: `${name}. ${DEMO_TEXT}` },
      ],
    );
    for (const doc of p.documents) {
      await takeNextDocument(ana!, p.projectId);
      await label(ana!, doc, 3, {
        sourcing: "direct_quote",
        type: "government_official",
        side: "turkey",
        stance: { armenia: "unfavorable" },
        spans: [[doc.text.slice(doc.segments[3]!.start, doc.segments[3]!.start + 5), "loaded_language"]],
      });
      await label(ben!, doc, 3, { sourcing: "no_claim", note: "no source" });
      await label(ben!, doc, 4, { sourcing: "no_claim", confirm: false });
      const seg = doc.segments[3]!.id;
      await saveGoldLabel(rita!, {
        documentId: doc.id,
        segmentId: seg,
        dimension: "sourcing",
        target: null,
        value: "direct_quote",
        comment: "",
        baseVersion: null,
      });
      await sendBack(rita!, { documentId: doc.id, segmentId: seg, annotatorId: ben!.id, comment: "Who says so?" });
    }
    const db = await getDb();
    await db.importJob.create({
      data: { id: `job-${name}`, projectId: p.projectId, createdById: ana!.id, status: "done", total: 2, processed: 2 },
    });
    const doc = p.documents[0]!;
    await db.suggestionRun.create({
      data: { id: `run-${name}`, projectId: p.projectId, documentId: doc.id, provider: "rules", status: "done" },
    });
    await db.suggestionSet.create({
      data: {
        id: `sugset-${name}`,
        projectId: p.projectId,
        documentId: doc.id,
        provider: "rules",
        items: [
          {
            segmentId: doc.segments[3]!.id,
            suggestions: [
              {
                dimension: "sourcing",
                target: null,
                value: "direct_quote",
                confidence: 0.9,
                rule: "quote",
                evidence: { quotes: [[1, 5]] },
              },
            ],
          },
        ],
      },
    });
    // The side tables of the ledger, outlet aliases and story proposals.
    await db.outletAlias.create({
      data: { id: `oa-${name}`, projectId: p.projectId, outlet: "TRT World", alias: "TRTWorld", key: "trtworld" },
    });
    await db.source.create({
      data: { id: `src-${name}`, projectId: p.projectId, name: "Mevlut Cavusoglu", type: "government_official", side: "turkey" },
    });
    await db.sourceAlias.create({
      data: { id: `sa-${name}`, projectId: p.projectId, sourceId: `src-${name}`, key: "mevlut cavusoglu", name: "Mevlut Cavusoglu" },
    });
    await db.storyPairDismissal.create({
      data: { id: `spd-${name}`, projectId: p.projectId, documentAId: p.documents[0]!.id, documentBId: p.documents[1]!.id },
    });
    // The report cache (its stamps come from triggers).
    await cachedGroupReports(db, p.projectId, "outlet");
    await db.segmentTime.create({
      data: { id: `st-${name}`, documentId: doc.id, segmentId: doc.segments[3]!.id, userId: ana!.id, ms: 4200 },
    });
    // Training and qualification's side tables.
    await db.trainingRule.create({ data: { projectId: p.projectId, minAccuracy: 0.8, dimensions: ["sourcing"], maxAttempts: 2 } });
    await db.trainingExemption.create({ data: { id: `tx-${name}`, projectId: p.projectId, userId: ana!.id, createdAt: new Date() } });
    await db.trainingAttempt.create({
      data: { id: `ta-${name}`, projectId: p.projectId, userId: ana!.id, number: 1, startedAt: new Date() },
    });
    await db.trainingLabel.create({
      data: { id: `tl-${name}`, attemptId: `ta-${name}`, segmentId: doc.segments[3]!.id, dimension: "sourcing", value: "direct_quote" },
    });
    await db.trainingConfirmation.create({
      data: { id: `tc-${name}`, attemptId: `ta-${name}`, segmentId: doc.segments[3]!.id, confirmedAt: new Date() },
    });
  }
  await createToken(ana!, { name: "scripts", scope: "read" });
  await (
    await getDb()
  ).loginFailure.create({ data: { id: "failure-1", email: "someone@example.org", address: "127.0.0.1", createdAt: new Date() } });
  await (await getDb()).session.create({ data: { id: "session-1", userId: ana!.id, createdAt: new Date(), lastSeenAt: new Date() } });
});

const rowCounts = (rows: Record<string, unknown[]>) => Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.length]));

describe("a migration that rebuilds tables", () => {
  it("keeps every row of every table (projects, members, documents, sentences, labels, statuses, gold, comments, audit)", async () => {
    await disconnectDb();
    const before = await allRows(config());
    expect(
      Object.entries(before)
        .filter(([, rows]) => rows.length === 0)
        .map(([t]) => t),
    ).toEqual([]); // the data covers every table
    const c = config();
    // PostgreSQL changes columns in place (ALTER TABLE) and never rebuilds a table.
    const sql =
      c.provider === "sqlite"
        ? await sqliteRebuild(c.file, await parentTables(c.file))
        : `ALTER TABLE "Project" ALTER COLUMN "overlap" SET DEFAULT 2;\n`;
    const name = "99990101000000_rebuild_parents";
    const r = await migrate(c, { root: migrationsWith(c.provider, [...applied, { name, sql }]) });
    expect(r.applied).toEqual([name]);
    applied.push({ name, sql });
    const after = await allRows(c);
    expect(rowCounts(after)).toEqual(rowCounts(before)); // the readable part of a failure
    expect(after).toEqual(before);
  });
});

describe.skipIf(usingPostgres())("a row whose parent is missing (SQLite: PostgreSQL checks every statement)", () => {
  it("stops the migration with a message naming the table and row; nothing is applied", async () => {
    const c = config();
    if (c.provider !== "sqlite") return;
    await disconnectDb();
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(c.file);
    db.pragma("foreign_keys = OFF");
    const status = db.prepare(`SELECT id FROM "SegmentStatus" ORDER BY id LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE "SegmentStatus" SET "segmentId" = 'gone' WHERE id = ?`).run(status);
    db.close();
    const before = await allRows(c);
    const root = migrationsWith(c.provider, [
      ...applied,
      { name: "99990102000000_index", sql: `CREATE INDEX "probe_idx" ON "Project"("name");\n` },
    ]);
    const refused = await migrate(c, { root }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MigrationError);
    expect((refused as Error).message).toMatch(
      new RegExp(`SegmentStatus row id ${status}: segmentId "gone" names no Segment row \\(already so before migrating`),
    );

    // An orphan the migration itself makes (its DELETE no longer cascades) is reported too, as new.
    const orphaning = migrationsWith(c.provider, [
      ...applied,
      { name: "99990102000000_orphan", sql: `DELETE FROM "Document" WHERE "id" = (SELECT MIN("documentId") FROM "ReviewComment");\n` },
    ]);
    const made = ((await migrate(c, { root: orphaning }).catch((e: unknown) => e)) as Error).message;
    expect(made).toMatch(/\n  Segment row id \S+: documentId "\S+" names no Document row\n/);
    expect(made).toMatch(/SegmentStatus row id \S+: segmentId "gone" names no Segment row \(already so before migrating/);

    expect(await allRows(c)).toEqual(before);
    expect((await migrate(c, { root, dryRun: true })).applied).toEqual(["99990102000000_index"]);
    const check = new Database(c.file, { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'probe_idx'`).get()).toBeUndefined();
    check.close();
  });
});

/** Rows reduced to the columns both sides have: a migration that drops a column drops its values, nothing else. */
function common(before: Record<string, unknown[]>, after: Record<string, unknown[]>) {
  const pick = (rows: unknown[], columns: string[]) =>
    rows.map((r) => Object.fromEntries(columns.map((c) => [c, (r as Record<string, unknown>)[c]])));
  const out: [Record<string, unknown[]>, Record<string, unknown[]>] = [{}, {}];
  for (const [t, rows] of Object.entries(before)) {
    const columns = Object.keys(rows[0] ?? {}).filter((c) => c in ((after[t]?.[0] as object | undefined) ?? {}));
    out[0][t] = pick(rows, columns);
    out[1][t] = pick(after[t] ?? [], columns);
  }
  return out;
}

const rebuilds = readMigrations("sqlite").filter((m) => /ALTER TABLE "new_\w+" RENAME TO/.test(m.sql));

/**
 * Tables a migration after `name` drops for good (not as a step of a rebuild): their rows move
 * elsewhere, which that migration's own test checks (Suggestion: migrate-suggestion-sets.test.ts).
 */
function droppedAfter(name: string): Set<string> {
  const later = readMigrations("sqlite").filter((m) => m.name > name);
  return new Set(
    later.flatMap((m) => [...m.sql.matchAll(/DROP TABLE "(\w+)";/g)].map((d) => d[1]!).filter((t) => !m.sql.includes(`RENAME TO "${t}"`))),
  );
}

describe.skipIf(usingPostgres() || rebuilds.length === 0)(
  "committed SQLite migrations that rebuild a table (PostgreSQL alters tables in place)",
  () => {
    it.each(rebuilds.map((m) => m.name))("%s keeps every row of every table", async (name) => {
      const { config, drop } = await createTestDatabase();
      try {
        if (config.provider !== "sqlite") return;
        await migrate(config, { root: migrationsBefore("sqlite", name) });
        await fillEveryTable(config.file);
        const filled = await allRows(config);
        expect(new Set(Object.values(rowCounts(filled)))).toEqual(new Set([3])); // rows in every table
        expect((await migrate(config)).applied[0]).toBe(name);
        const dropped = droppedAfter(name);
        const before = Object.fromEntries(Object.entries(filled).filter(([t]) => !dropped.has(t)));
        // Later migrations are applied too: tables they create are not this migration's concern.
        const after = Object.fromEntries(Object.entries(await allRows(config)).filter(([t]) => t in before));
        expect(rowCounts(after)).toEqual(rowCounts(before));
        const [kept, now] = common(before, after);
        expect(now).toEqual(kept);
      } finally {
        await drop();
      }
    });
  },
);
