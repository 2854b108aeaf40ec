import "server-only";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, type ProjectAccess } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { wordTokens } from "@/lib/agreement/variables";
import { getDimension, dimensionValues } from "@/lib/schema/helpers";
import { sourcingDimensions, type SourcingDimensions } from "@/lib/schema/roles";
import type { LabelSchema } from "@/lib/schema/schema";
import { articleReport, type ArticleReport, type ReportLabels } from "@/lib/reports/article";
import { resolveSegments } from "@/lib/reports/resolve";
import { reportQuery } from "@/lib/validation/reports";

/**
 * The sourcing report of one article: the one function the page, the API and the downloads call,
 * so their figures cannot drift apart. Reads the rows with the actor's access applied, resolves
 * the labels (lib/reports/resolve.ts) and computes the report (lib/reports/article.ts).
 *
 * Who may read it: reviewers and managers; annotators too, unless the project is blind, since a
 * report combines every annotator's labels (a blind project never shows them to an annotator).
 * Strangers get "not found".
 */

export interface ArticleReportView {
  project: { id: string; slug: string; name: string; blind: boolean };
  access: ProjectAccess;
  /** The dimensions found by role, and the roles the schema lacks (with why). */
  dimensions: SourcingDimensions;
  /** Whose labels count where there is no gold and no majority (null: only where one annotator confirmed the sentence). */
  annotator: { id: string; name: string } | null;
  /** People who confirmed a sentence of the document: the choices for `annotator`. */
  annotators: { id: string; name: string }[];
  labels: ReportLabels;
  report: ArticleReport;
}

/** Display names for the report: targets, the side dimension's own values, types, stances. */
function reportLabels(schema: LabelSchema, dims: SourcingDimensions, targets: { key: string; name: string }[]): ReportLabels {
  const names = (dimension: string | undefined) =>
    Object.fromEntries((dimension ? dimensionValues(getDimension(schema, dimension)!) : []).map((v) => [v.id, v.label]));
  return {
    targets,
    sides: names(dims.sourceSide?.dimension),
    types: names(dims.sourceType?.dimension),
    stances: names(dims.stance?.dimension),
  };
}

/** Reviewers and managers; annotators only in projects that are not blind. */
export function requireReportAccess(access: ProjectAccess, blind: boolean) {
  if (access.role === "ANNOTATOR" && blind)
    throw new ForbiddenError("Reports combine every annotator's labels; in a blind project only reviewers and managers can read them");
}

export async function getArticleReport(
  actor: Actor,
  projectRef: string,
  documentId: string,
  raw: { annotator?: string; format?: string } = {},
): Promise<ArticleReportView> {
  const query = parseInput(reportQuery, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  const projectId = access.projectId;
  const [project, document] = await Promise.all([
    db.project.findUniqueOrThrow({
      where: { id: projectId },
      select: {
        id: true,
        slug: true,
        name: true,
        blind: true,
        labelSchema: true,
        schemaVersion: true,
        targets: { orderBy: { position: "asc" }, select: { key: true, name: true } },
      },
    }),
    db.document.findFirst({
      where: { id: documentId, projectId },
      select: { id: true, title: true, outlet: true, story: true, publishedAt: true, text: true },
    }),
  ]);
  if (!document) throw new NotFoundError("Document not found");
  requireReportAccess(access, project.blind);
  const schema = projectSchema(project);
  const dims = sourcingDimensions(schema);
  const dimensionIds = [dims.sourcing, dims.sourceName, dims.sourceType, dims.sourceSide, dims.stance, dims.loadedLanguage].flatMap((d) =>
    d ? [d.dimension] : [],
  );

  const [segments, labels, gold, confirmed] = await Promise.all([
    db.segment.findMany({
      where: { documentId, isBoilerplate: false },
      orderBy: { index: "asc" },
      select: { id: true, index: true, start: true, end: true },
    }),
    db.annotation.findMany({
      where: { projectId, documentId, dimension: { in: dimensionIds } },
      select: { segmentId: true, userId: true, dimension: true, target: true, value: true },
    }),
    db.goldLabel.findMany({
      where: { segment: { documentId }, dimension: { in: dimensionIds } },
      select: { segmentId: true, dimension: true, target: true, value: true },
    }),
    db.segmentStatus.findMany({
      where: { documentId, confirmedAt: { not: null } },
      select: { segmentId: true, userId: true, user: { select: { name: true } } },
    }),
  ]);
  const annotators = [...new Map(confirmed.map((c) => [c.userId, { id: c.userId, name: c.user.name }])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const chosen = query.annotator ? annotators.find((a) => a.id === query.annotator) : null;
  if (query.annotator && !chosen) throw new InvalidError("annotator: not someone who confirmed a sentence of this document");

  const resolved = resolveSegments(
    dims,
    {
      segments: segments.map((s) => ({
        id: s.id,
        index: s.index,
        text: document.text.slice(s.start, s.end),
        words: wordTokens(document.text, s.start, s.end),
      })),
      labels,
      gold,
      confirmed,
      targets: project.targets.map((t) => t.key),
    },
    { annotator: chosen?.id ?? null },
  );
  const names = reportLabels(schema, dims, project.targets);
  const report = articleReport(
    {
      id: document.id,
      title: document.title,
      outlet: document.outlet,
      story: document.story,
      publishedAt: document.publishedAt?.toISOString() ?? null,
    },
    resolved,
    names,
  );
  return {
    project: { id: project.id, slug: project.slug, name: project.name, blind: project.blind },
    access,
    dimensions: dims,
    annotator: chosen ?? null,
    annotators,
    labels: names,
    report,
  };
}
