import "server-only";
import { getDb, type Db } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { suggestionAcceptance } from "@/server/suggestions/acceptance";
import { audit } from "@/server/audit";
import { projectAccess, type ProjectAccess } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { ForbiddenError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { getProjectAgreement, type ProjectAgreement } from "@/server/agreement";
import { getProjectReports } from "@/server/reports/groups";
import { getSourceLedger } from "@/server/sources/ledger";
import { documentBatches, exportAnnotators, exportCounts, type ExportScope } from "@/server/export-query";
import { exportOptionsInput, type ExportOptions, type ExportOptionsInput } from "@/lib/validation/export";
import { exportChunks, FORMAT_INFO, type ExportContext } from "@/lib/export";
import type { ProjectAgreementFigures } from "@/lib/export/agreement";
import { aggregateBatches, type LabelAggregation } from "@/lib/export/aggregation";

/**
 * Exports of a project's labels, streamed: the database is read a page of documents at a time
 * (server/export-query.ts) and every format is written from the same sentence records
 * (lib/export). Who may export what:
 * - any member (and site admins); non-members get "not found";
 * - an annotator of a blind project exports only their own labels, without gold or majority
 *   (they never see anyone else's labels in the app either);
 * - real emails beside the pseudonyms only for managers (others get 403 when they ask).
 */

export interface ExportFile {
  filename: string;
  contentType: string;
  /** Whose labels are in it, after the blind rule. */
  annotators: number;
  /** The sentences it will hold, when asked for (`countSentences`), e.g. for a progress bar. */
  sentences?: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface ExportPlan {
  db: Db;
  access: ProjectAccess;
  options: ExportOptions;
  ctx: ExportContext;
  scope: ExportScope;
}

function parseOptions(raw: ExportOptionsInput): ExportOptions {
  return parseInput(exportOptionsInput, raw);
}

/** Access, options and context of an export; throws before anything is streamed. */
async function plan(actor: Actor, projectRef: string, raw: ExportOptionsInput): Promise<ExportPlan> {
  const options = parseOptions(raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  if (options.includeEmails && access.role !== "MANAGER")
    throw new ForbiddenError("Only managers of this project can export annotators' emails");
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.projectId },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      guidelines: true,
      labelSchema: true,
      schemaVersion: true,
      blind: true,
      outletBlindAt: true,
      suggestionsOffAt: true,
      targets: { orderBy: { position: "asc" }, select: { key: true, name: true } },
    },
  });
  // An export holds every document's outlet, author, URL and unmasked text (offsets into it).
  if (project.outletBlindAt !== null && access.role === "ANNOTATOR")
    throw new ForbiddenError(
      "This project is outlet-blind: exports hold the documents' outlets, so only reviewers and managers can export",
    );
  const ownOnly = project.blind && access.role === "ANNOTATOR";
  const f = options.filters;
  const userIds = ownOnly ? [actor.id] : f.annotators?.length ? [...new Set(f.annotators)] : null;
  const scope: ExportScope = {
    projectId: project.id,
    userIds,
    doneOnly: f.doneOnly,
    goldOnly: f.goldOnly,
    includeBoilerplate: f.includeBoilerplate,
    includeGold: !ownOnly,
  };
  const annotators = await exportAnnotators(db, scope, options.includeEmails);
  const ctx: ExportContext = {
    project: {
      id: project.id,
      slug: project.slug,
      name: project.name,
      description: project.description,
      guidelines: project.guidelines,
      suggestionsShown: project.suggestionsOffAt === null,
      suggestionsOffSince: project.suggestionsOffAt?.toISOString() ?? null,
    },
    schema: projectSchema(project),
    targets: project.targets,
    annotators,
    includeGold: scope.includeGold,
    includeEmails: options.includeEmails,
    ...(f.from || f.to ? { range: { from: f.from, to: f.to } } : {}),
  };
  return { db, access, options, ctx, scope };
}

/** What an export with these options would hold, before it is downloaded. */
export async function estimateExport(actor: Actor, projectRef: string, raw: ExportOptionsInput) {
  const { db, ctx, scope } = await plan(actor, projectRef, raw);
  const { sentences, labels } = await exportCounts(db, scope);
  return { sentences, annotators: ctx.annotators.length, labels, sentenceAnnotatorPairs: sentences * ctx.annotators.length };
}

/**
 * The project's agreement figures (server/agreement.ts) for the package's agreement.json, with
 * user ids replaced by the export's pseudonyms and names dropped; null for members who may not
 * see them (annotators).
 */
async function pseudonymousAgreement(actor: Actor, access: ProjectAccess, ctx: ExportContext): Promise<ProjectAgreementFigures | null> {
  if (access.role !== "MANAGER" && access.role !== "REVIEWER") return null;
  const { coders, ...rest } = await getProjectAgreement(actor, access.projectId);
  const names = new Map(ctx.annotators.map((a) => [a.userId, a.pseudonym]));
  let others = 0;
  for (const c of coders) if (!names.has(c.id)) names.set(c.id, `other_annotator_${++others}`);
  const swap = (v: unknown): unknown => {
    if (typeof v === "string") return names.get(v) ?? v;
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  // Only ids change: every figure is the service's (the Agreement page's) as it is.
  return { ...(swap(rest) as Omit<ProjectAgreement, "coders">), coders: coders.map((c) => names.get(c.id)!) };
}

/**
 * MACE and Dawid–Skene labels and annotator competences over the sentences an export with these
 * options holds (lib/export/aggregation.ts: the votes its `majority` counts), for the package's
 * aggregated.jsonl and annotators.json. null for an annotator of a blind project: no gold or
 * majority for them, and no estimate built from others' labels either.
 */
function labelAggregation({ db, ctx, scope }: ExportPlan, pageSize?: number): Promise<LabelAggregation | null> {
  return ctx.includeGold ? aggregateBatches(ctx, documentBatches(db, scope, pageSize)) : Promise.resolve(null);
}

/** The model-based labels of a project (see labelAggregation), for a page or the API; the export's filters apply. */
export async function getLabelAggregation(
  actor: Actor,
  projectRef: string,
  raw: ExportOptionsInput = { format: "jsonl" },
): Promise<LabelAggregation | null> {
  return labelAggregation(await plan(actor, projectRef, raw));
}

const NAMES: Record<ExportOptions["format"], string> = {
  jsonl: "sentences",
  "csv-long": "sentences-long",
  "csv-wide": "sentences-wide",
  doccano: "doccano",
  labelstudio: "label-studio",
  package: "dataset",
};

async function* encoded(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const c of chunks) yield typeof c === "string" ? encoder.encode(c) : c;
}

/**
 * An export as a stream of byte chunks. Access and options are checked (and the export audited)
 * when the promise resolves; the database is read as the chunks are consumed.
 */
export async function streamExport(
  actor: Actor,
  projectRef: string,
  raw: ExportOptionsInput,
  hooks: { onProgress?: (file: string, sentences: number) => void; pageSize?: number; countSentences?: boolean } = {},
): Promise<ExportFile> {
  const exportPlan = await plan(actor, projectRef, raw);
  const { db, access, options, ctx, scope } = exportPlan;
  const sentences = hooks.countSentences ? (await exportCounts(db, scope, { labels: false })).sentences : undefined;
  const exportedAt = new Date().toISOString();
  await audit(db, actor, {
    projectId: ctx.project.id,
    action: "project.export",
    entityType: "project",
    entityId: ctx.project.id,
    after: {
      format: options.format,
      filters: options.filters,
      includeEmails: options.includeEmails,
      forSpreadsheets: options.forSpreadsheets,
      annotators: ctx.annotators.length,
    },
  });
  const info = FORMAT_INFO[options.format];
  const chunks = exportChunks(options.format, {
    ctx,
    batches: () => documentBatches(db, scope, hooks.pageSize),
    license: options.license,
    exportedAt,
    bom: options.bom,
    forSpreadsheets: options.forSpreadsheets,
    agreement: () => pseudonymousAgreement(actor, access, ctx),
    // The Suggestions page's figures (managers only: others get the reason in the file).
    aggregation: () => labelAggregation(exportPlan, hooks.pageSize),
    suggestionAcceptance: async () => (await suggestionAcceptance(actor, access.projectId)).rates,
    // The Sourcing reports pages' figures (reviewers, managers; annotators of projects that are not blind).
    reports: () => getProjectReports(actor, access.projectId),
    // The Sources page's ledger (reviewers, managers).
    ledger: () => getSourceLedger(actor, access.projectId),
    onProgress: hooks.onProgress,
  });
  return {
    filename: `${ctx.project.slug}-${NAMES[options.format]}-${exportedAt.slice(0, 10)}.${info.extension}`,
    contentType: info.contentType,
    annotators: ctx.annotators.length,
    ...(sentences === undefined ? {} : { sentences }),
    chunks: encoded(chunks),
  };
}
