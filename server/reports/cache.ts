import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getStreamReader, type Db } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import type { ArticleReport } from "@/lib/reports/article";
import { groupReports, type GroupReport } from "@/lib/reports/aggregate";
import { sourceRows } from "@/lib/reports/csv";
import { articleReports, REPORT_ORDER, reportSetup } from "./article";
import { REAL_DOCUMENT } from "@/server/training/exclusion";

/**
 * The sourcing reports' cache, for the default label policy (gold > majority > the only confirming
 * annotator; reports with a chosen fallback annotator are computed afresh each time).
 *
 * Entries are compared, when read, with counters the database keeps itself: every write a report
 * reads (a label, confirmation, gold label or sentence of a document, the document; the project's
 * schema, targets, source ledger or outlet aliases) raises its document's ReportStamp, or the
 * project's, by a trigger in the writer's own transaction (prisma/migrations/…_report_cache). So
 * any app instance sees an entry go stale the moment the write commits, and no write path has to
 * remember the cache.
 *
 * Why an entry is never fresher than its stamp says: the stamps are read first, the data the
 * figures come from after them, and the entry is stored with the stamps read first. A write that
 * commits after the stamps were read has raised them past the stored ones, so the entry reads as
 * stale, even if the figures happened to include the write (tests/integration/report-cache.test.ts
 * forces both interleavings). Storing is compare-and-set on the stamps, so a slow computation
 * never replaces a newer entry; a stale entry left behind costs one recomputation, never a wrong
 * figure.
 */

/** Documents computed (and stored) together; bounds memory on a cold project. */
const COMPUTE_BATCH = 200;
/** Document ids per read of stored entries. */
const READ_BATCH = 500;

/** Test-only pauses between the steps whose order the design rests on. */
export interface CacheHooks {
  /** After the stamps were read, before the data the figures are computed from. */
  afterStamps?: () => Promise<void>;
  /** After the figures were computed, before they are stored. */
  beforeStore?: () => Promise<void>;
}

/** A document's cached report: its JSON text and its rows of the per-article CSV. */
export interface CachedArticle {
  report: string;
  sourceRows: string;
}

const num = (v: unknown) => Number(v ?? 0);

/** The project's own counter and those of `documentIds` (0 for a counter not written yet). */
async function readStamps(db: Db, projectId: string, documentIds: readonly string[]) {
  const rows = await db.$queryRaw<{ documentId: string; version: unknown }[]>(Prisma.sql`
    SELECT "documentId", "version" FROM "ReportStamp"
    WHERE "projectId" = ${projectId} AND "documentId" IN (${Prisma.join(["", ...documentIds])})`);
  const docs = new Map(rows.map((r) => [r.documentId, num(r.version)]));
  return { project: docs.get("") ?? 0, doc: (id: string) => docs.get(id) ?? 0 };
}

/**
 * The default-policy reports of `documentIds` (of project `projectId`, already authorised), from
 * the cache where its entries are current, computed and stored where not.
 */
export async function cachedArticles(
  db: Db,
  projectId: string,
  documentIds: readonly string[],
  hooks: CacheHooks = {},
): Promise<Map<string, CachedArticle>> {
  const out = new Map<string, CachedArticle>();
  const reader = await getStreamReader();
  for (let i = 0; i < documentIds.length; i += READ_BATCH) {
    const ids = documentIds.slice(i, i + READ_BATCH);
    const stamps = await readStamps(db, projectId, ids);
    const rows = await reader.rows(Prisma.sql`
      SELECT "documentId", "docVersion", "projectVersion", "report", "sourceRows" FROM "ArticleReportCache"
      WHERE "projectId" = ${projectId} AND "documentId" IN (${Prisma.join(ids)})`);
    for (const [id, docVersion, projectVersion, report, rowsCsv] of rows as [string, unknown, unknown, string, string][])
      if (num(docVersion) === stamps.doc(id) && num(projectVersion) === stamps.project) out.set(id, { report, sourceRows: rowsCsv });
    const stale = ids.filter((id) => !out.has(id));
    for (let j = 0; j < stale.length; j += COMPUTE_BATCH) {
      const batch = stale.slice(j, j + COMPUTE_BATCH);
      await hooks.afterStamps?.();
      // The schema, targets and names as of now, i.e. no older than the stamps read above.
      const setup = await reportSetup(db, projectId);
      const { reports } = await articleReports(db, setup, { id: { in: batch } }, null);
      const entries = reports.map((r) => ({
        id: r.document.id,
        report: JSON.stringify(r),
        sourceRows: [...sourceRows([r])].join(""),
      }));
      await hooks.beforeStore?.();
      await storeArticles(projectId, stamps, entries);
      for (const e of entries) out.set(e.id, e);
    }
  }
  return out;
}

async function storeArticles(
  projectId: string,
  stamps: Awaited<ReturnType<typeof readStamps>>,
  entries: { id: string; report: string; sourceRows: string }[],
) {
  if (!entries.length) return;
  const values = entries.map(
    (e) => Prisma.sql`(${e.id}, ${projectId}, ${stamps.doc(e.id)}, ${stamps.project}, ${e.report}, ${e.sourceRows})`,
  );
  await ignoringVanished(() =>
    writeTransaction((tx) =>
      tx.$executeRaw(Prisma.sql`
        INSERT INTO "ArticleReportCache" ("documentId", "projectId", "docVersion", "projectVersion", "report", "sourceRows")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("documentId") DO UPDATE SET
          "docVersion" = excluded."docVersion", "projectVersion" = excluded."projectVersion",
          "report" = excluded."report", "sourceRows" = excluded."sourceRows"
        WHERE excluded."docVersion" >= "ArticleReportCache"."docVersion"
          AND excluded."projectVersion" >= "ArticleReportCache"."projectVersion"`),
    ),
  );
}

/** A document (or project) deleted while its figures were computed: nothing to cache, the figures are returned as computed. */
async function ignoringVanished(store: () => Promise<unknown>) {
  try {
    await store();
  } catch (e) {
    if ((e as { code?: string }).code === "P2003" || /foreign key/i.test(String((e as Error).message))) return;
    throw e;
  }
}

/** The default-policy reports of `documentIds`, parsed, in the order given. */
export async function cachedArticleReports(db: Db, projectId: string, documentIds: readonly string[], hooks?: CacheHooks) {
  const cached = await cachedArticles(db, projectId, documentIds, hooks);
  return documentIds.flatMap((id) => {
    const c = cached.get(id);
    return c ? [JSON.parse(c.report) as ArticleReport] : [];
  });
}

/** The project's document ids in report order (publication, then project order). */
export async function reportOrder(db: Db, projectId: string, where: Prisma.DocumentWhereInput = {}): Promise<string[]> {
  const docs = await db.document.findMany({
    where: { ...where, projectId, ...REAL_DOCUMENT },
    orderBy: REPORT_ORDER,
    select: { id: true },
  });
  return docs.map((d) => d.id);
}

/** The sum of the project's counters: it grows with every change any report reads (rows are never removed). */
async function projectStamp(db: Db, projectId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ stamp: unknown }[]>(
    Prisma.sql`SELECT COALESCE(SUM("version"), 0) AS "stamp" FROM "ReportStamp" WHERE "projectId" = ${projectId}`,
  );
  return num(row?.stamp);
}

export interface CachedGroups {
  groups: GroupReport[];
  /** Who confirmed a sentence of the project (the choices of a fallback annotator). */
  annotatorIds: string[];
}

/**
 * The project's figures per outlet or per story under the default policy: stored whole while
 * nothing the reports read has changed (the stamp), else merged again from the article reports
 * (themselves cached per document) and stored.
 */
export async function cachedGroupReports(db: Db, projectId: string, by: "outlet" | "story", hooks: CacheHooks = {}): Promise<CachedGroups> {
  const stamp = await projectStamp(db, projectId);
  const [row] = await db.$queryRaw<{ stamp: unknown; body: string }[]>(
    Prisma.sql`SELECT "stamp", "body" FROM "GroupReportCache" WHERE "projectId" = ${projectId} AND "by" = ${by}`,
  );
  if (row && num(row.stamp) === stamp) return JSON.parse(row.body) as CachedGroups;

  await hooks.afterStamps?.();
  const reports = await cachedArticleReports(db, projectId, await reportOrder(db, projectId));
  const confirmed = await db.$queryRaw<{ userId: string }[]>(Prisma.sql`
    SELECT DISTINCT s."userId" FROM "SegmentStatus" s JOIN "Document" d ON d."id" = s."documentId"
    WHERE d."projectId" = ${projectId} AND s."confirmedAt" IS NOT NULL`);
  const body: CachedGroups = { groups: groupReports(reports, by), annotatorIds: confirmed.map((c) => c.userId).sort() };
  await hooks.beforeStore?.();
  await ignoringVanished(() =>
    writeTransaction((tx) =>
      tx.$executeRaw(Prisma.sql`
        INSERT INTO "GroupReportCache" ("projectId", "by", "stamp", "body") VALUES (${projectId}, ${by}, ${stamp}, ${JSON.stringify(body)})
        ON CONFLICT ("projectId", "by") DO UPDATE SET "stamp" = excluded."stamp", "body" = excluded."body"
        WHERE excluded."stamp" > "GroupReportCache"."stamp"`),
    ),
  );
  return body;
}
