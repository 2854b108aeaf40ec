/**
 * The suggestion_sets migration moves the one-row-per-suggestion table into one set per document
 * and provider. The data is made through the services (the rules' suggestions of an import, one
 * accepted by an annotator), put back as rows of the former table (the one that migration created,
 * taken from its own SQL), and the migration applied again to that database: every suggestion is
 * there with its id, so the label accepted from one still counts as accepted.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { importForSuggestions } from "../support/suggestions";
import { PROVIDER_ARTICLE } from "../support/provider-request";
import { disconnectDb, getDb } from "@/server/db/client";
import { migrate, readMigrations } from "@/server/db/migrate";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { projectAcceptanceRates } from "@/server/suggestions/acceptance";
import { loadSuggestions, type SuggestionRecord } from "@/server/suggestions/sets";

const state = useTestDatabase();

let setup: Awaited<ReturnType<typeof importForSuggestions>>;
let accepted: SuggestionRecord;

beforeAll(async () => {
  setup = await importForSuggestions({ articles: [PROVIDER_ARTICLE, PROVIDER_ARTICLE.replace("Geneva", "Vienna")] });
  const db = await getDb();
  // Accepted as `y` does (every suggestion of a sentence), on the first sentence this completes, then confirmed.
  const all = await loadSuggestions(db, { documentId: setup.documentId });
  for (const segment of setup.segments) {
    const mine = all.filter((s) => s.segmentId === segment.id);
    if (!mine.length) continue;
    for (const s of mine) {
      await saveAnnotation(setup.annotator, {
        documentId: setup.documentId,
        segmentId: s.segmentId,
        dimension: s.dimension,
        target: s.target,
        value: s.value,
        baseVersion: null,
        suggestionId: s.id,
      });
    }
    const confirmed = await setSegmentStatus(setup.annotator, {
      documentId: setup.documentId,
      segmentId: segment.id,
      confirmed: true,
      baseVersion: null,
    }).then(
      () => true,
      () => false,
    );
    if (confirmed) {
      accepted = mine[0]!;
      break;
    }
  }
});

const migrationName = (provider: "sqlite" | "postgresql", suffix: string) => readMigrations(provider).find((m) => m.name.endsWith(suffix))!;

/** The statements of the migration that created the former table that concern it (table, indexes, foreign keys). */
function formerTableSql(provider: "sqlite" | "postgresql"): string[] {
  return migrationName(provider, "_suggestions")
    .sql.split(/;\s*\n/)
    .map((s) => s.replace(/^(--[^\n]*\n|\s)+/g, "").trim())
    .filter((s) => /"Suggestion"[ (]/.test(s));
}

describe("migration suggestion_sets", () => {
  it("moves every suggestion into its document's set with its id: acceptance rates stay as they were", async () => {
    const db = await getDb();
    const provider = state.config!.provider;
    const before = await loadSuggestions(db, { projectId: setup.project.id });
    expect(before.length).toBeGreaterThan(4);
    const rates = await projectAcceptanceRates(db, setup.project.id);
    expect(rates.total.accepted).toBeGreaterThan(0);

    // Back to the schema before the migration: the former table with these suggestions as its rows.
    const documentOf = new Map(
      (await db.segment.findMany({ where: { documentId: { in: setup.documentIds } }, select: { id: true, documentId: true } })).map((s) => [
        s.id,
        s.documentId,
      ]),
    );
    const { name } = migrationName(provider, "_suggestion_sets");
    for (const sql of formerTableSql(provider)) await db.$executeRawUnsafe(sql);
    const pg = provider === "postgresql";
    const values = pg ? "$1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::jsonb, $12" : Array(12).fill("?").join(", ");
    for (const s of before) {
      await db.$executeRawUnsafe(
        `INSERT INTO "Suggestion" ("id", "projectId", "documentId", "segmentId", "dimension", "target", "value", "confidence", "provider", "rule", "evidence", "createdAt")
         VALUES (${values})`,
        s.id,
        setup.project.id,
        documentOf.get(s.segmentId)!,
        s.segmentId,
        s.dimension,
        s.target ?? "",
        JSON.stringify(s.value),
        s.confidence,
        s.provider,
        s.rule,
        s.evidence ? JSON.stringify(s.evidence) : null,
        pg ? new Date() : new Date().toISOString().replace("Z", "+00:00"),
      );
    }
    await db.$executeRawUnsafe(`DROP TABLE "SuggestionSet"`);
    await db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${name}'`);
    await disconnectDb();
    expect((await migrate(state.config!)).applied).toEqual([name]);

    const db2 = await getDb();
    const after = await loadSuggestions(db2, { projectId: setup.project.id });
    expect(after).toEqual(before);
    expect(after.map((s) => s.id)).toContain(accepted.id);
    // One set per document and provider.
    expect(await db2.suggestionSet.count({ where: { projectId: setup.project.id } })).toBe(setup.documentIds.length);
    expect(await projectAcceptanceRates(db2, setup.project.id)).toEqual(rates);
    const tables = await db2.$queryRawUnsafe<unknown[]>(
      pg
        ? `SELECT 1 FROM information_schema.tables WHERE table_name = 'Suggestion'`
        : `SELECT 1 FROM sqlite_master WHERE name = 'Suggestion'`,
    );
    expect(tables).toEqual([]);
  });
});
