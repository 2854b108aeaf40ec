import "server-only";
import { getDb, type Db } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { agreementReport, confusionMatrix, FLEISS_EXCLUDED_REASON, krippendorffAlpha } from "@/lib/agreement";
import { buildAgreementVariables, NONE, type AgreementSentence, type AgreementVariable } from "@/lib/agreement/variables";
import type { LabelSchema } from "@/lib/schema/schema";
import { coveredTargetKeys } from "@/lib/schema/confirmation";
import { dimensionValues, getDimension } from "@/lib/schema/helpers";
import { sourcingDimensions } from "@/lib/schema/roles";
import { loadSourceResolver } from "@/server/sources/ledger";
import { REAL_DOCUMENT } from "@/server/training/exclusion";

/** A figure that may be undefined: then `value` is null and `reason` says why (never NaN). */
export interface Figure {
  value: number | null;
  reason: string | null;
}

export interface PairConfusion {
  a: string;
  b: string;
  /** counts[i][j]: units where coder a gave categories[i] and coder b gave categories[j] */
  counts: number[][];
  n: number;
}

export interface DimensionAgreement {
  key: string;
  dimension: string;
  target: string | null;
  value: string | null;
  kind: AgreementVariable["kind"];
  unit: AgreementVariable["unit"];
  label: string;
  categories: { id: string; label: string }[];
  /** units in the data (sentences or tokens of sentences confirmed by 2 or more people) */
  units: number;
  /** units with 2 or more values */
  pairableUnits: number;
  /** coders with at least one value */
  coders: string[];
  alpha: Figure;
  /**
   * Fleiss' kappa generalised to a varying number of ratings per unit (lib/agreement/kappa.ts):
   * `unitsUsed` units with 2 or more ratings (from `minRatings` to `maxRatings`), `unitsExcluded`
   * rated units left out of the observed agreement, for `excludedReason`.
   */
  fleiss: Figure & { unitsUsed: number; unitsExcluded: number; excludedReason: string; minRatings: number; maxRatings: number };
  percentAgreement: Figure;
  pairwise: { coders: string[]; kappa: (number | null)[][]; n: number[][]; reason: (string | null)[][] };
  confusion: PairConfusion[];
}

export interface DocumentAgreement {
  id: string;
  title: string;
  /** sentences confirmed by 2 or more people */
  sentences: number;
  alpha: Record<string, Figure>;
}

export interface ProjectAgreement {
  project: { id: string; slug: string; name: string };
  coders: { id: string; name: string }[];
  /** sentences compared: not boilerplate, confirmed by 2 or more people */
  sentences: number;
  /** false when no sentence was confirmed by 2 or more people: every figure is undefined */
  enoughData: boolean;
  dimensions: DimensionAgreement[];
  documents: DocumentAgreement[];
}

const fig = (value: number | null, reason: string | undefined): Figure => ({
  value,
  reason: value === null ? (reason ?? "undefined") : null,
});

export function describeVariable(
  schema: LabelSchema,
  v: AgreementVariable,
  targetNames: Map<string, string>,
  nameLabels: Map<string, string>,
) {
  const dim = getDimension(schema, v.dimension)!;
  const valueLabel = (id: string) =>
    dimensionValues(dim).find((x) => x.id === id)?.label ?? targetNames.get(id) ?? nameLabels.get(id) ?? id;
  const label =
    v.kind === "per_target"
      ? `${dim.label} toward ${targetNames.get(v.target!) ?? v.target}`
      : v.value
        ? `${dim.label}: ${valueLabel(v.value)}`
        : dim.label;
  const categories = v.order.map((id) => ({
    id,
    label:
      v.unit === "token" || v.kind === "multi"
        ? id === "in"
          ? "Marked"
          : id === "out"
            ? "Not marked"
            : id
        : id === NONE && v.kind === "per_target"
          ? "None"
          : valueLabel(id),
  }));
  return { label, categories };
}

function figuresFor(v: AgreementVariable) {
  const r = agreementReport(v.units, { level: "nominal", order: v.order });
  const pc = r.pairwiseCohen;
  const reason = pc.kappa.map((row, i) =>
    row.map((k, j) =>
      i === j || k !== null ? null : pc.n[i]![j] === 0 ? "no units coded by both" : "only one category used: expected agreement is 1",
    ),
  );
  const confusion: PairConfusion[] = [];
  // Source names have as many categories as names: a confusion matrix of them says nothing a reader can use.
  if (v.kind !== "source_name")
    for (let i = 0; i < pc.coders.length; i++) {
      for (let j = i + 1; j < pc.coders.length; j++) {
        if (pc.n[i]![j] === 0) continue;
        const m = confusionMatrix(v.units, pc.coders[i]!, pc.coders[j]!, { order: v.order });
        confusion.push({ a: pc.coders[i]!, b: pc.coders[j]!, counts: m.counts, n: m.n });
      }
    }
  return {
    units: r.units,
    pairableUnits: r.pairableUnits,
    coders: r.coders,
    alpha: fig(r.alpha.alpha, r.alpha.reasonUndefined),
    fleiss: {
      ...fig(r.fleiss.kappa, r.fleiss.reasonUndefined),
      unitsUsed: r.fleiss.units,
      unitsExcluded: r.fleiss.unitsExcluded,
      excludedReason: FLEISS_EXCLUDED_REASON,
      minRatings: r.fleiss.minRatings,
      maxRatings: r.fleiss.maxRatings,
    },
    percentAgreement: fig(r.percentAgreement.agreement, r.percentAgreement.reasonUndefined),
    pairwise: { coders: pc.coders, kappa: pc.kappa, n: pc.n, reason },
    confusion,
  };
}

/**
 * A project's labels as agreement variables (lib/agreement/variables.ts) over its non-boilerplate
 * sentences confirmed by at least `minConfirmers` people (2 for agreement; 1 for per-annotator
 * quality, where a single annotator's sentence still meets gold), read in a fixed number of
 * queries. The caller has checked access.
 */
export async function loadAgreementData(db: Db, projectId: string, minConfirmers: number) {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      id: true,
      slug: true,
      name: true,
      schemaVersion: true,
      labelSchema: true,
      targets: { orderBy: { position: "asc" }, select: { id: true, key: true, name: true } },
    },
  });
  const schema = projectSchema(project);
  const nameDimension = sourcingDimensions(schema).sourceName?.dimension;
  const compared = schema.dimensions.filter((d) => (d.kind !== "text" && d.kind !== "flag") || d.id === nameDimension).map((d) => d.id);
  const needText = schema.dimensions.some((d) => d.kind === "span");
  const [documents, segments, statuses, labels, ledger] = await Promise.all([
    db.document.findMany({
      where: { projectId, ...REAL_DOCUMENT },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, title: true, text: needText },
    }),
    db.segment.findMany({
      where: { isBoilerplate: false, document: { projectId, ...REAL_DOCUMENT } },
      orderBy: [{ documentId: "asc" }, { index: "asc" }],
      select: { id: true, documentId: true, start: true, end: true },
    }),
    db.segmentStatus.findMany({
      where: { confirmedAt: { not: null }, segment: { isBoilerplate: false, document: { projectId, ...REAL_DOCUMENT } } },
      select: { segmentId: true, userId: true, confirmedTargets: true },
    }),
    db.annotation.findMany({
      where: { projectId, dimension: { in: compared }, document: REAL_DOCUMENT },
      select: { segmentId: true, userId: true, dimension: true, target: true, value: true },
    }),
    loadSourceResolver(db, projectId),
  ]);
  const confirmers = new Map<string, string[]>();
  const covered = new Map<string, Map<string, Set<string>>>();
  for (const s of statuses) {
    const c = confirmers.get(s.segmentId);
    if (c) c.push(s.userId);
    else confirmers.set(s.segmentId, [s.userId]);
    let bySegment = covered.get(s.segmentId);
    if (!bySegment) covered.set(s.segmentId, (bySegment = new Map()));
    bySegment.set(s.userId, coveredTargetKeys(s.confirmedTargets, project.targets));
  }
  const sentences: AgreementSentence[] = segments
    .filter((s) => (confirmers.get(s.id)?.length ?? 0) >= minConfirmers)
    .map((s) => ({ ...s, confirmedBy: confirmers.get(s.id)!, confirmedTargets: covered.get(s.id)! }));
  const coderIds = [...new Set(sentences.flatMap((s) => s.confirmedBy))];
  const texts = new Map(documents.map((d) => [d.id, (d as { text?: string }).text ?? ""]));
  const targets = project.targets.map((t) => t.key);
  const targetNames = new Map(project.targets.map((t) => [t.key, t.name]));
  const sourceNames = nameDimension ? { dimension: nameDimension, identity: ledger.identity } : undefined;
  const variables = buildAgreementVariables(schema, targets, sentences, labels, texts, sourceNames);
  // A resolved name is shown as its entry's canonical name, or as first typed.
  const nameLabels = new Map<string, string>();
  for (const l of labels)
    if (l.dimension === nameDimension && typeof l.value === "string" && !nameLabels.has(ledger.identity(l.value)))
      nameLabels.set(ledger.identity(l.value), ledger.resolve(l.value)?.name ?? l.value.trim());
  return { project, schema, documents, sentences, labels, coderIds, variables, targetNames, nameLabels };
}

/**
 * Inter-annotator agreement of a project, per variable and per document (managers, reviewers and
 * site admins). A person annotated a sentence when they confirmed it; boilerplate sentences and
 * sentences confirmed by fewer than 2 people are left out. All labels are read in a fixed number
 * of queries, whatever the size of the project.
 */
export async function getProjectAgreement(actor: Actor, projectRef: string): Promise<ProjectAgreement> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER", "REVIEWER"], "see agreement figures");
  const { project, schema, documents, sentences, coderIds, variables, targetNames, nameLabels } = await loadAgreementData(
    db,
    access.projectId,
    2,
  );
  const users = coderIds.length ? await db.user.findMany({ where: { id: { in: coderIds } }, select: { id: true, name: true } }) : [];

  const dimensions = variables.map((v) => ({
    key: v.key,
    dimension: v.dimension,
    target: v.target,
    value: v.value,
    kind: v.kind,
    unit: v.unit,
    ...describeVariable(schema, v, targetNames, nameLabels),
    ...figuresFor(v),
  }));

  const perDoc = new Map<string, number>();
  for (const s of sentences) perDoc.set(s.documentId, (perDoc.get(s.documentId) ?? 0) + 1);
  // alpha of each variable over each document's units: group the units by document once
  const alphaByDoc = new Map<string, Record<string, Figure>>([...perDoc.keys()].map((id) => [id, {}]));
  for (const v of variables) {
    const groups = new Map<string, typeof v.units>();
    v.units.forEach((u, i) => {
      const d = v.unitDocuments[i]!;
      const g = groups.get(d);
      if (g) g.push(u);
      else groups.set(d, [u]);
    });
    for (const [docId, record] of alphaByDoc) {
      const a = krippendorffAlpha(groups.get(docId) ?? [], { level: "nominal", order: v.order });
      record[v.key] = fig(a.alpha, a.reasonUndefined);
    }
  }
  const docs: DocumentAgreement[] = documents
    .filter((d) => perDoc.has(d.id))
    .map((d) => ({ id: d.id, title: d.title, sentences: perDoc.get(d.id)!, alpha: alphaByDoc.get(d.id)! }));

  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    project: { id: project.id, slug: project.slug, name: project.name },
    coders: coderIds.map((id) => ({ id, name: names.get(id) ?? id })),
    sentences: sentences.length,
    enoughData: sentences.length > 0,
    dimensions,
    documents: docs,
  };
}
