import "server-only";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { groupReports } from "@/lib/reports/aggregate";
import { compareStory } from "@/lib/reports/compare";
import { labelPolicyJson } from "@/lib/reports/basis";
import type { ProjectReports } from "@/lib/reports/files";
import { groupReportQuery, storyComparisonQuery } from "@/lib/validation/reports";
import type { Db } from "@/server/db/client";
import { articleReports, reportContext, requireReportAccess, type ReportContext } from "./article";
import { cachedArticleReports, cachedGroupReports, reportOrder } from "./cache";

/**
 * Per-outlet and per-story figures and the comparison of one story's outlets: the article reports
 * of server/reports/article.ts merged by lib/reports, under the same access rule. Under the
 * default label policy they come from the cache (cache.ts); with a chosen fallback annotator they
 * are computed afresh.
 */

/** People by id, by name (the choices of a fallback annotator). */
async function people(db: Db, ids: readonly string[]) {
  const users = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return users.sort((a, b) => a.name.localeCompare(b.name));
}

/** Who confirmed a sentence of these documents. */
async function confirmedBy(db: Db, documentIds: readonly string[]) {
  const rows = await db.segmentStatus.findMany({
    where: { documentId: { in: [...documentIds] }, confirmedAt: { not: null } },
    distinct: ["userId"],
    select: { userId: true },
  });
  return people(
    db,
    rows.map((r) => r.userId),
  );
}

function policy(ctx: ReportContext, annotator: string | null, annotators: { id: string; name: string }[]) {
  const chosen = annotator ? annotators.find((a) => a.id === annotator) : null;
  if (annotator && !chosen) throw new InvalidError("annotator: not someone who confirmed a sentence of these documents");
  return {
    project: { id: ctx.project.id, slug: ctx.project.slug, name: ctx.project.name },
    dimensions: ctx.dims,
    labels: ctx.labels,
    annotator: chosen ?? null,
    annotators,
  };
}

/** The project's documents grouped by outlet or by story, each group's figures merged (documents without one: the group null, last). */
export async function getGroupReports(actor: Actor, projectRef: string, raw: { by?: string; annotator?: string; format?: string } = {}) {
  const query = parseInput(groupReportQuery, raw);
  const db = await getDb();
  const ctx = await reportContext(db, actor, projectRef);
  requireReportAccess(ctx.access, ctx.project);
  if (!query.annotator) {
    const { groups, annotatorIds } = await cachedGroupReports(db, ctx.project.id, query.by);
    return { ...policy(ctx, null, await people(db, annotatorIds)), by: query.by, groups };
  }
  const { reports, annotators } = await articleReports(db, ctx, {}, query.annotator);
  return { ...policy(ctx, query.annotator, annotators), by: query.by, groups: groupReports(reports, query.by) };
}

/** One story's outlets side by side: first quoted source, stance per target, candidate omissions. */
export async function getStoryComparison(
  actor: Actor,
  projectRef: string,
  raw: { story?: string; annotator?: string; format?: string } = {},
) {
  const query = parseInput(storyComparisonQuery, raw);
  const db = await getDb();
  const ctx = await reportContext(db, actor, projectRef);
  requireReportAccess(ctx.access, ctx.project);
  const { reports, annotators } = query.annotator
    ? await articleReports(db, ctx, { story: query.story }, query.annotator)
    : await cachedStory(db, ctx.project.id, query.story);
  if (!reports.length) throw new NotFoundError(`No document of this project belongs to the story "${query.story}"`);
  return { ...policy(ctx, query.annotator, annotators), comparison: compareStory(query.story, reports) };
}

async function cachedStory(db: Db, projectId: string, story: string) {
  const ids = await reportOrder(db, projectId, { story });
  const [reports, annotators] = await Promise.all([cachedArticleReports(db, projectId, ids), confirmedBy(db, ids)]);
  return { reports, annotators };
}

/**
 * Every report of the project at once, for the dataset package: the article reports, merged per
 * outlet and per story, and each story's comparison; the default label policy (no fallback
 * annotator). Same access rule as the pages.
 */
export async function getProjectReports(actor: Actor, projectRef: string): Promise<ProjectReports> {
  const db = await getDb();
  const ctx = await reportContext(db, actor, projectRef);
  requireReportAccess(ctx.access, ctx.project);
  const reports = await cachedArticleReports(db, ctx.project.id, await reportOrder(db, ctx.project.id));
  const stories = new Map<string, typeof reports>();
  for (const r of reports) if (r.document.story !== null) stories.set(r.document.story, [...(stories.get(r.document.story) ?? []), r]);
  return {
    labelPolicy: labelPolicyJson(null),
    dimensions: ctx.dims,
    labels: ctx.labels,
    articles: reports,
    outlets: groupReports(reports, "outlet"),
    stories: groupReports(reports, "story"),
    comparisons: [...stories.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([story, rs]) => compareStory(story, rs)),
  };
}
