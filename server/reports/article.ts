import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Db } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, type ProjectAccess } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { readOutletNames } from "@/server/outlets";
import { wordTokens } from "@/lib/agreement/variables";
import { getDimension, dimensionValues } from "@/lib/schema/helpers";
import { sourcingDimensions, type SourcingDimensions } from "@/lib/schema/roles";
import type { LabelSchema } from "@/lib/schema/schema";
import { coveredTargetKeys } from "@/lib/schema/confirmation";
import { articleReport, type ArticleReport, type ReportLabels } from "@/lib/reports/article";
import { resolveSegments } from "@/lib/reports/resolve";
import { reportQuery } from "@/lib/validation/reports";
import { loadSourceResolver } from "@/server/sources/ledger";
import { REAL_DOCUMENT } from "@/server/training/exclusion";

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

/** Reviewers and managers; annotators only in projects that are neither blind nor outlet-blind. */
export function requireReportAccess(access: ProjectAccess, project: { blind: boolean; outletBlindAt: Date | null }) {
  if (access.role !== "ANNOTATOR") return;
  if (project.blind)
    throw new ForbiddenError("Reports combine every annotator's labels; in a blind project only reviewers and managers can read them");
  // Reports are by outlet and quote the text: an outlet-blind annotator would learn the outlets.
  if (project.outletBlindAt !== null)
    throw new ForbiddenError("Reports name each document's outlet; in an outlet-blind project only reviewers and managers can read them");
}

/**
 * What computing a project's reports needs: the schema's dimensions found by role, display names,
 * targets. The cache (cache.ts) reads it only after the stamps it will store, so that an entry
 * never pairs a schema with a stamp newer than it.
 */
export async function reportSetup(db: Db, projectId: string) {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      id: true,
      slug: true,
      name: true,
      blind: true,
      outletBlindAt: true,
      labelSchema: true,
      schemaVersion: true,
      targets: { orderBy: { position: "asc" }, select: { id: true, key: true, name: true } },
    },
  });
  const schema = projectSchema(project);
  const dims = sourcingDimensions(schema);
  const dimensionIds = [dims.sourcing, dims.sourceName, dims.sourceType, dims.sourceSide, dims.stance, dims.loadedLanguage].flatMap((d) =>
    d ? [d.dimension] : [],
  );
  return { project, dims, dimensionIds, labels: reportLabels(schema, dims, project.targets) };
}
export type ReportSetup = Awaited<ReturnType<typeof reportSetup>>;

/** What every report of a project needs: access checked, and its setup (reportSetup). */
export async function reportContext(db: Db, actor: Actor, projectRef: string) {
  const access = await projectAccess(db, actor, projectRef);
  return { access, ...(await reportSetup(db, access.projectId)) };
}
export type ReportContext = Awaited<ReturnType<typeof reportContext>>;

/** The order of a project's article reports: publication, then project order. */
export const REPORT_ORDER: Prisma.DocumentOrderByWithRelationInput[] = [
  { publishedAt: { sort: "asc", nulls: "last" } },
  { position: "asc" },
  { id: "asc" },
];

/**
 * The article reports of the project's documents matching `where` (in publication order, then
 * project order), from their non-boilerplate sentences and the labels of the report's dimensions.
 * Also who confirmed sentences of them (the choices of a fallback annotator).
 */
export async function articleReports(db: Db, ctx: ReportSetup, where: Prisma.DocumentWhereInput, annotator: string | null) {
  const projectId = ctx.project.id;
  const documents = await db.document.findMany({
    where: { ...where, projectId, ...REAL_DOCUMENT },
    orderBy: REPORT_ORDER,
    select: { id: true, title: true, outlet: true, story: true, publishedAt: true, text: true },
  });
  const ids = documents.map((d) => d.id);
  const [segments, labels, gold, confirmed, ledger, outlets] = await Promise.all([
    db.segment.findMany({
      where: { documentId: { in: ids }, isBoilerplate: false },
      orderBy: { index: "asc" },
      select: { id: true, documentId: true, index: true, start: true, end: true },
    }),
    db.annotation.findMany({
      where: { projectId, documentId: { in: ids }, dimension: { in: ctx.dimensionIds } },
      select: { documentId: true, segmentId: true, userId: true, dimension: true, target: true, value: true },
    }),
    db.goldLabel.findMany({
      where: { segment: { documentId: { in: ids } }, dimension: { in: ctx.dimensionIds } },
      select: { segmentId: true, dimension: true, target: true, value: true, segment: { select: { documentId: true } } },
    }),
    db.segmentStatus.findMany({
      where: { documentId: { in: ids }, confirmedAt: { not: null } },
      select: { documentId: true, segmentId: true, userId: true, confirmedTargets: true, user: { select: { name: true } } },
    }),
    loadSourceResolver(db, projectId),
    readOutletNames(db, projectId),
  ]);
  const byDoc = <T>(rows: T[], doc: (r: T) => string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(doc(r));
      if (list) list.push(r);
      else m.set(doc(r), [r]);
    }
    return (id: string) => m.get(id) ?? [];
  };
  const segmentsOf = byDoc(segments, (s) => s.documentId);
  const labelsOf = byDoc(labels, (l) => l.documentId);
  const goldOf = byDoc(gold, (g) => g.segment.documentId);
  const confirmedOf = byDoc(confirmed, (c) => c.documentId);
  const targets = ctx.project.targets.map((t) => t.key);
  const reports = documents.map((d) => {
    const resolved = resolveSegments(
      ctx.dims,
      {
        segments: segmentsOf(d.id).map((s) => ({
          id: s.id,
          index: s.index,
          text: d.text.slice(s.start, s.end),
          words: wordTokens(d.text, s.start, s.end),
        })),
        labels: labelsOf(d.id),
        gold: goldOf(d.id),
        confirmed: confirmedOf(d.id).map((c) => ({
          segmentId: c.segmentId,
          userId: c.userId,
          targets: [...coveredTargetKeys(c.confirmedTargets, ctx.project.targets)],
        })),
        targets,
      },
      { annotator, ledger },
    );
    // Under the outlet's name when the document names it by an alias ("TRTWorld" → "TRT World"), so groups merge.
    const outlet = outlets.resolve(d.outlet);
    const document = { id: d.id, title: d.title, outlet, story: d.story, publishedAt: d.publishedAt?.toISOString() ?? null };
    return articleReport(document, resolved, ctx.labels, ledger);
  });
  const annotators = [...new Map(confirmed.map((c) => [c.userId, { id: c.userId, name: c.user.name }])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return { reports, annotators };
}

export async function getArticleReport(
  actor: Actor,
  projectRef: string,
  documentId: string,
  raw: { annotator?: string; format?: string } = {},
): Promise<ArticleReportView> {
  const query = parseInput(reportQuery, raw);
  const db = await getDb();
  const ctx = await reportContext(db, actor, projectRef);
  if (!(await db.document.findFirst({ where: { id: documentId, projectId: ctx.project.id, ...REAL_DOCUMENT }, select: { id: true } })))
    throw new NotFoundError("Document not found");
  requireReportAccess(ctx.access, ctx.project);
  const { reports, annotators } = await articleReports(db, ctx, { id: documentId }, query.annotator);
  const chosen = query.annotator ? annotators.find((a) => a.id === query.annotator) : null;
  if (query.annotator && !chosen) throw new InvalidError("annotator: not someone who confirmed a sentence of this document");
  const { id, slug, name, blind } = ctx.project;
  return {
    project: { id, slug, name, blind },
    access: ctx.access,
    dimensions: ctx.dims,
    annotator: chosen ?? null,
    annotators,
    labels: ctx.labels,
    report: reports[0]!,
  };
}

/**
 * For pages: runs a report with the annotator chosen in the address; when that choice is stale
 * (someone without labels here any more), runs it without and says why in `notice`.
 */
export async function withChosenAnnotator<T>(
  annotator: string | undefined,
  run: (annotator: string | undefined) => Promise<T>,
): Promise<{ view: T; notice: string | null }> {
  try {
    return { view: await run(annotator || undefined), notice: null };
  } catch (e) {
    if (!(e instanceof InvalidError) || !annotator) throw e;
    return { view: await run(undefined), notice: `${e.message}; the report below falls back on nobody` };
  }
}
