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
import { articleReports, reportContext, requireReportAccess, type ReportContext } from "./article";

/**
 * Per-outlet and per-story figures and the comparison of one story's outlets: the article reports
 * of server/reports/article.ts merged by lib/reports, under the same access rule.
 */

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
  const { reports, annotators } = await articleReports(db, ctx, { story: query.story }, query.annotator);
  if (!reports.length) throw new NotFoundError(`No document of this project belongs to the story "${query.story}"`);
  return { ...policy(ctx, query.annotator, annotators), comparison: compareStory(query.story, reports) };
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
  const { reports } = await articleReports(db, ctx, {}, null);
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
