import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getStreamReader, type Db } from "@/server/db/client";
import type { DocumentBatch, ExportAnnotator } from "@/lib/export/types";
import { coveredTargetKeys } from "@/lib/schema/confirmation";
import { loadSuggestions } from "@/server/suggestions/sets";
import { REAL_DOCUMENT } from "@/server/training/exclusion";

/**
 * The export's reads: documents in pages (cursor on position, id), each page in a fixed number
 * of queries (documents, segments, labels, confirmations, time per sentence, gold, suggestions, and "done" marks when asked), so
 * memory holds one page whatever the size of the project. The caller (server/export.ts) has
 * checked access and settled whose labels are exported.
 */
export interface ExportScope {
  projectId: string;
  /** null: every annotator */
  userIds: string[] | null;
  doneOnly: boolean;
  goldOnly: boolean;
  includeBoilerplate: boolean;
  includeGold: boolean;
}

/**
 * Documents per page: a page holds their segments and every label of them, so memory holds one
 * page. Fewer documents a page lower the peak with no loss of rows/s (bench/export.bench.ts; figures
 * in bench/README.md).
 */
export const EXPORT_PAGE_DOCUMENTS = 4;

const users = (s: ExportScope) => (s.userIds ? { userId: { in: s.userIds } } : {});
const userFilter = (s: ExportScope) =>
  s.userIds ? Prisma.sql` AND "userId" IN (${s.userIds.length ? Prisma.join(s.userIds) : Prisma.sql`NULL`})` : Prisma.empty;

function segmentWhere(s: ExportScope) {
  return { ...(s.includeBoilerplate ? {} : { isBoilerplate: false }), ...(s.goldOnly ? { gold: { some: {} } } : {}) };
}

function documentWhere(s: ExportScope) {
  return {
    projectId: s.projectId,
    ...REAL_DOCUMENT,
    ...(s.goldOnly ? { segments: { some: segmentWhere(s) } } : {}),
    ...(s.doneOnly ? { assignments: { some: { status: "done", ...users(s) } } } : {}),
  };
}

/** SQLite queries complete without ever leaving the microtask queue: give other requests their turn between pages. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Column values as the driver adapters hand them over: JSON as its text, dates as ISO 8601 text
 * (or milliseconds, for rows an older SQLite client wrote), booleans as 0/1 on SQLite.
 */
const jsonValue = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const dateValue = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string | number));

export async function* documentBatches(db: Db, s: ExportScope, pageSize = EXPORT_PAGE_DOCUMENTS): AsyncGenerator<DocumentBatch> {
  const reader = await getStreamReader();
  // Confirmations store the ids of the targets they covered; records speak of target keys.
  const targets = await db.target.findMany({ where: { projectId: s.projectId }, select: { id: true, key: true } });
  let cursor: string | null = null;
  for (;;) {
    await yieldToEventLoop();
    const docs: {
      id: string;
      externalId: string | null;
      title: string;
      outlet: string | null;
      story: string | null;
      url: string | null;
      author: string | null;
      publishedAt: Date | null;
      language: string;
      text: string;
    }[] = await db.document.findMany({
      where: documentWhere(s),
      orderBy: [{ position: "asc" }, { id: "asc" }],
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        externalId: true,
        title: true,
        outlet: true,
        story: true,
        url: true,
        author: true,
        publishedAt: true,
        language: true,
        text: true,
      },
    });
    if (!docs.length) return;
    cursor = docs[docs.length - 1]!.id;
    const ids = docs.map((d) => d.id);
    // The three large reads (a million label rows in a big export) as plain rows through the
    // stream reader (server/db/client.ts: the driver adapter, not the client's typed results).
    const [segments, annotations, statuses, times, gold, done, suggestions] = await Promise.all([
      reader.rows(Prisma.sql`
        SELECT "id", "documentId", "index", "start", "end", "paragraph", "isBoilerplate", "boilerplateReason", "kind" FROM "Segment"
        WHERE "documentId" IN (${Prisma.join(ids)})${s.includeBoilerplate ? Prisma.empty : Prisma.sql` AND "isBoilerplate" = ${false}`}${s.goldOnly ? Prisma.sql` AND EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."segmentId" = "Segment"."id")` : Prisma.empty}`),
      reader.rows(Prisma.sql`
        SELECT "segmentId", "userId", "dimension", "target", "value", "updatedAt" FROM "Annotation"
        WHERE "projectId" = ${s.projectId} AND "documentId" IN (${Prisma.join(ids)})${userFilter(s)}`),
      reader.rows(Prisma.sql`
        SELECT "segmentId", "userId", "confirmedAt", "confirmedTargets", "updatedAt" FROM "SegmentStatus"
        WHERE "documentId" IN (${Prisma.join(ids)})${userFilter(s)}`),
      reader.rows(Prisma.sql`
        SELECT "segmentId", "userId", "ms" FROM "SegmentTime"
        WHERE "documentId" IN (${Prisma.join(ids)})${userFilter(s)}`),
      s.includeGold
        ? db.goldLabel.findMany({
            where: { segment: { documentId: { in: ids } } },
            select: { segmentId: true, dimension: true, target: true, value: true },
          })
        : Promise.resolve([]),
      s.doneOnly
        ? db.assignment.findMany({
            where: { documentId: { in: ids }, status: "done", ...users(s) },
            select: { documentId: true, userId: true },
          })
        : Promise.resolve([]),
      loadSuggestions(db, { documentId: { in: ids } }),
    ]);
    const batches = new Map<string, DocumentBatch>();
    for (const d of docs) {
      batches.set(d.id, {
        document: { ...d, publishedAt: d.publishedAt?.toISOString() ?? null },
        segments: [],
        annotations: [],
        statuses: [],
        times: [],
        gold: [],
        suggestions: [],
        ...(s.doneOnly ? { doneBy: new Set<string>() } : {}),
      });
    }
    // Labels and confirmations go to their sentence's document; those of sentences left out
    // (boilerplate, "gold only") have none and are dropped here, as the records would skip them.
    const batchOfSegment = new Map<string, DocumentBatch>();
    for (const [id, documentId, index, start, end, paragraph, isBoilerplate, boilerplateReason, kind] of segments) {
      const batch = batches.get(documentId as string)!;
      batchOfSegment.set(id as string, batch);
      batch.segments.push({
        id: id as string,
        index: Number(index),
        start: Number(start),
        end: Number(end),
        paragraph: Number(paragraph),
        isBoilerplate: !!isBoilerplate,
        boilerplateReason: (boilerplateReason as string | null) ?? null,
        kind: (kind as string | null) ?? null,
      });
    }
    for (const [segmentId, userId, dimension, target, value, updatedAt] of annotations) {
      batchOfSegment.get(segmentId as string)?.annotations.push({
        segmentId: segmentId as string,
        userId: userId as string,
        dimension: dimension as string,
        target: target as string,
        value: jsonValue(value),
        updatedAt: dateValue(updatedAt),
      });
    }
    for (const [segmentId, userId, confirmedAt, confirmedTargets, updatedAt] of statuses) {
      batchOfSegment.get(segmentId as string)?.statuses.push({
        segmentId: segmentId as string,
        userId: userId as string,
        confirmedAt: confirmedAt == null ? null : dateValue(confirmedAt),
        confirmedTargets: coveredTargetKeys(confirmedTargets == null ? null : jsonValue(confirmedTargets), targets),
        updatedAt: dateValue(updatedAt),
      });
    }
    for (const [segmentId, userId, ms] of times) {
      batchOfSegment.get(segmentId as string)?.times!.push({ segmentId: segmentId as string, userId: userId as string, ms: Number(ms) });
    }
    for (const g of gold) batchOfSegment.get(g.segmentId)?.gold.push(g);
    // By provider, dimension, target (the order of a sentence's suggestions in the records).
    suggestions.sort((a, b) => cmp(a.provider, b.provider) || cmp(a.dimension, b.dimension) || cmp(a.target ?? "", b.target ?? ""));
    for (const x of suggestions) batchOfSegment.get(x.segmentId)?.suggestions.push({ ...x, target: x.target ?? "" });
    for (const a of done) (batches.get(a.documentId)?.doneBy as Set<string> | undefined)?.add(a.userId);
    yield* batches.values();
  }
}

/**
 * The annotators of the export, pseudonymised as annotator_1… in the order of their first label
 * (then those who only confirmed sentences, by their first confirmation), ties by id: stable within
 * one export, and stable across exports as annotators join.
 */
export async function exportAnnotators(db: Db, s: ExportScope, withEmails: boolean): Promise<ExportAnnotator[]> {
  // One walk of the (projectId, userId, createdAt) index; then confirmations only of those who
  // never labelled (usually nobody), so no sort over every confirmation of the project.
  const labelled = await db.annotation.groupBy({
    by: ["userId"],
    where: { projectId: s.projectId, document: REAL_DOCUMENT, ...users(s) },
    _min: { createdAt: true },
  });
  const confirmed = await db.segmentStatus.groupBy({
    by: ["userId"],
    where: {
      segment: { document: { projectId: s.projectId, ...REAL_DOCUMENT } },
      AND: [users(s), { userId: { notIn: labelled.map((a) => a.userId) } }],
    },
    _min: { updatedAt: true },
  });
  const key = new Map<string, [number, number]>();
  for (const a of labelled) key.set(a.userId, [0, a._min.createdAt?.getTime() ?? 0]);
  for (const c of confirmed) if (!key.has(c.userId)) key.set(c.userId, [1, c._min.updatedAt?.getTime() ?? 0]);
  const ids = [...key.keys()].sort((a, b) => {
    const [ga, ta] = key.get(a)!;
    const [gb, tb] = key.get(b)!;
    return ga - gb || ta - tb || (a < b ? -1 : 1);
  });
  const emails = withEmails
    ? new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]))
    : null;
  return ids.map((userId, i) => ({ userId, pseudonym: `annotator_${i + 1}`, ...(emails ? { email: emails.get(userId) ?? "" } : {}) }));
}

/**
 * Sentences and labels an export with this scope would hold (for the size estimate). The label
 * count reads every label row (0.7 s for a million); `labels: false` skips it (a progress bar
 * needs only sentences).
 */
export async function exportCounts(db: Db, s: ExportScope, { labels = true } = {}) {
  const [sentences, labelCount] = await Promise.all([
    db.segment.count({ where: { document: documentWhere(s), ...segmentWhere(s) } }),
    labels
      ? db.annotation.count({
          where: {
            projectId: s.projectId,
            ...users(s),
            value: { not: Prisma.JsonNull },
            segment: segmentWhere(s),
            document: documentWhere(s),
          },
        })
      : Promise.resolve(null),
  ]);
  return { sentences, labels: labelCount };
}
