import "server-only";
import { getDb } from "@/server/db/client";
import { lockDocument, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { outletBlinding } from "@/server/outlets";
import { REVIEW_ROLES, reviewAccessForDocument, type SavedGold } from "@/server/gold";
import { newId } from "@/lib/ids";
import { sendBackInput, type SendBackInput } from "@/lib/validation/review";
import { annotationKey, dimensionKeys } from "@/lib/schema/helpers";
import { COMPARED_KINDS, sentenceVerdicts, type Verdict } from "@/lib/review/majority";
import { wordTokens } from "@/lib/agreement/variables";
import { coveredTargetKeys, type TargetRef } from "@/lib/schema/confirmation";
import { REAL_DOCUMENT } from "@/server/training/exclusion";

export { saveGoldLabel, listGoldLabels } from "@/server/gold";

type Values = Map<string, unknown>;

/** Groups label rows into segment → user → annotationKey → value (null values dropped). */
function groupLabels(rows: readonly { segmentId: string; userId: string; dimension: string; target: string; value: unknown }[]) {
  const out = new Map<string, Map<string, Values>>();
  for (const a of rows) {
    if (a.value === null) continue;
    let bySeg = out.get(a.segmentId);
    if (!bySeg) out.set(a.segmentId, (bySeg = new Map()));
    let m = bySeg.get(a.userId);
    if (!m) bySeg.set(a.userId, (m = new Map()));
    m.set(annotationKey(a.dimension, a.target), a.value);
  }
  return out;
}

/** Confirmations by segment → user → the target keys the confirmation covers (lib/schema/confirmation.ts). */
function confirmedBySegment(
  rows: readonly { segmentId: string; userId: string; confirmedTargets: unknown }[],
  targets: readonly TargetRef[],
) {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const s of rows) {
    let bySegment = out.get(s.segmentId);
    if (!bySegment) out.set(s.segmentId, (bySegment = new Map()));
    bySegment.set(s.userId, coveredTargetKeys(s.confirmedTargets, targets));
  }
  return out;
}

export interface ReviewSentence {
  id: string;
  index: number;
  start: number;
  end: number;
  paragraph: number;
  isBoilerplate: boolean;
  /**
   * every person who labelled or confirmed the sentence; only confirmed ones vote, and toward a
   * target in `notConfirmedFor` (added after they confirmed) they have not answered yet
   */
  labels: { userId: string; confirmed: boolean; notConfirmedFor: string[]; values: Record<string, unknown> }[];
  verdicts: Record<string, Verdict>;
  /** compared keys on which the confirmed annotators disagree */
  disagreements: number;
  gold: Record<string, Omit<SavedGold, "segmentId" | "dimension" | "target">>;
  sentBack: { id: string; annotatorId: string; annotatorName: string; authorName: string; comment: string; createdAt: string }[];
}

/**
 * One document for review (reviewers, managers, site admins): each sentence with every
 * annotator's labels side by side (with names), a disagreement flag and the majority vote per
 * dimension, the current gold labels and what was sent back. A fixed number of queries.
 */
export async function getReview(actor: Actor, projectRef: string, documentId: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, [...REVIEW_ROLES], "review labels");
  const projectId = access.projectId;
  const [project, document, segments, annotations, statuses, gold, comments, users] = await Promise.all([
    db.project.findUniqueOrThrow({
      where: { id: projectId },
      select: {
        id: true,
        slug: true,
        name: true,
        schemaVersion: true,
        labelSchema: true,
        skipBoilerplate: true,
        targets: { orderBy: { position: "asc" }, select: { id: true, key: true, name: true } },
      },
    }),
    db.document.findFirst({
      where: { id: documentId, projectId },
      select: { id: true, title: true, outlet: true, publishedAt: true, text: true },
    }),
    db.segment.findMany({
      where: { documentId, document: { projectId } },
      orderBy: { index: "asc" },
      select: { id: true, index: true, start: true, end: true, paragraph: true, isBoilerplate: true },
    }),
    db.annotation.findMany({
      where: { documentId, projectId },
      select: { segmentId: true, userId: true, dimension: true, target: true, value: true },
    }),
    db.segmentStatus.findMany({
      where: { documentId, confirmedAt: { not: null } },
      select: { segmentId: true, userId: true, confirmedTargets: true },
    }),
    db.goldLabel.findMany({
      where: { segment: { documentId, document: { projectId } } },
      include: { decidedBy: { select: { id: true, name: true } } },
    }),
    db.reviewComment.findMany({
      where: { documentId, document: { projectId } },
      orderBy: { createdAt: "asc" },
      include: { author: { select: { name: true } }, annotator: { select: { name: true } } },
    }),
    db.user.findMany({
      where: { OR: [{ annotations: { some: { documentId, projectId } } }, { statuses: { some: { documentId } } }] },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  if (!document) throw new NotFoundError("Document not found");
  const schema = projectSchema(project);
  const targets = project.targets.map((t) => t.key);
  const labels = groupLabels(annotations);
  const confirmed = confirmedBySegment(statuses, project.targets);
  const sentences: ReviewSentence[] = segments.map((s) => {
    const bySeg = labels.get(s.id) ?? new Map<string, Values>();
    const conf = confirmed.get(s.id) ?? new Map<string, Set<string>>();
    const people = users.filter((u) => bySeg.has(u.id) || conf.has(u.id));
    const confirmers = people.filter((u) => conf.has(u.id));
    const verdicts = sentenceVerdicts(
      schema,
      targets,
      confirmers.map((u) => bySeg.get(u.id) ?? new Map<string, unknown>()),
      wordTokens(document.text, s.start, s.end),
      confirmers.map((u) => conf.get(u.id)!),
    );
    return {
      ...s,
      labels: people.map((u) => ({
        userId: u.id,
        confirmed: conf.has(u.id),
        notConfirmedFor: conf.has(u.id) ? targets.filter((t) => !conf.get(u.id)!.has(t)) : [],
        values: Object.fromEntries(bySeg.get(u.id) ?? []),
      })),
      verdicts,
      disagreements: Object.values(verdicts).filter((v) => v.disagreement).length,
      gold: Object.fromEntries(
        gold
          .filter((g) => g.segmentId === s.id)
          .map((g) => [
            annotationKey(g.dimension, g.target),
            { value: g.value, comment: g.comment, version: g.version, decidedBy: g.decidedBy, updatedAt: g.updatedAt.toISOString() },
          ]),
      ),
      sentBack: comments
        .filter((c) => c.segmentId === s.id)
        .map((c) => ({
          id: c.id,
          annotatorId: c.annotatorId,
          annotatorName: c.annotator.name,
          authorName: c.author.name,
          comment: c.comment,
          createdAt: c.createdAt.toISOString(),
        })),
    };
  });
  return {
    access,
    project: {
      id: project.id,
      slug: project.slug,
      name: project.name,
      skipBoilerplate: project.skipBoilerplate,
      targets: project.targets.map(({ key, name }) => ({ key, name })),
      schema,
    },
    document: { ...document, publishedAt: document.publishedAt?.toISOString() ?? null },
    annotators: users,
    keys: dimensionKeys(schema, targets),
    sentences,
  };
}
export type ReviewData = Awaited<ReturnType<typeof getReview>>;

/**
 * The review index: per document, how many people confirmed sentences in it, how many sentences
 * two or more of them confirmed, on how many of those they disagree, and how many sentences
 * have gold labels. A fixed number of queries for the whole project.
 */
export async function listReviewDocuments(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, [...REVIEW_ROLES], "review labels");
  const projectId = access.projectId;
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      id: true,
      slug: true,
      name: true,
      schemaVersion: true,
      labelSchema: true,
      targets: { orderBy: { position: "asc" }, select: { id: true, key: true } },
    },
  });
  const schema = projectSchema(project);
  const compared = schema.dimensions.filter((d) => COMPARED_KINDS.has(d.kind)).map((d) => d.id);
  const [documents, segments, statuses, annotations, gold] = await Promise.all([
    db.document.findMany({
      where: { projectId, ...REAL_DOCUMENT },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, title: true, outlet: true },
    }),
    db.segment.findMany({
      where: { isBoilerplate: false, document: { projectId, ...REAL_DOCUMENT } },
      select: { id: true, documentId: true },
    }),
    db.segmentStatus.findMany({
      where: { confirmedAt: { not: null }, segment: { isBoilerplate: false, document: { projectId, ...REAL_DOCUMENT } } },
      select: { segmentId: true, userId: true, confirmedTargets: true },
    }),
    db.annotation.findMany({
      where: { projectId, dimension: { in: compared }, document: REAL_DOCUMENT },
      select: { segmentId: true, userId: true, dimension: true, target: true, value: true },
    }),
    db.goldLabel.groupBy({ by: ["segmentId"], where: { segment: { isBoilerplate: false, document: { projectId, ...REAL_DOCUMENT } } } }),
  ]);
  const targets = project.targets.map((t) => t.key);
  const labels = groupLabels(annotations);
  const confirmed = confirmedBySegment(statuses, project.targets);
  const withGold = new Set(gold.map((g) => g.segmentId));
  const stats = new Map(
    documents.map((d) => [
      d.id,
      { annotators: new Set<string>(), sentences: 0, compared: 0, disagreements: 0, labelled: 0, adjudicated: 0 },
    ]),
  );
  for (const s of segments) {
    const st = stats.get(s.documentId)!;
    const conf = confirmed.get(s.id) ?? new Map<string, Set<string>>();
    st.sentences++;
    for (const u of conf.keys()) st.annotators.add(u);
    if (conf.size > 0) st.labelled++;
    if (conf.size > 0 && withGold.has(s.id)) st.adjudicated++;
    if (conf.size < 2) continue;
    st.compared++;
    const voters = [...conf.keys()].map((u) => labels.get(s.id)?.get(u) ?? new Map<string, unknown>());
    if (Object.values(sentenceVerdicts(schema, targets, voters, null, [...conf.values()])).some((v) => v.disagreement)) st.disagreements++;
  }
  return {
    access,
    project: { id: project.id, slug: project.slug, name: project.name },
    documents: documents.map((d) => {
      const st = stats.get(d.id)!;
      return {
        ...d,
        annotators: st.annotators.size,
        sentences: st.sentences,
        compared: st.compared,
        disagreements: st.disagreements,
        labelled: st.labelled,
        adjudicated: st.adjudicated,
      };
    }),
  };
}

/**
 * Sends a sentence back to one annotator with a comment (reviewers, managers, site admins); the
 * annotator sees it in their workspace (listMyReviewComments). Stored and audited together.
 */
export async function sendBack(actor: Actor, raw: SendBackInput) {
  const input = parseInput(sendBackInput, raw);
  return writeTransaction(async (tx) => {
    // A merge waits: the sentence commented on stays until the comment is stored.
    await lockDocument(tx, input.documentId, "labels");
    const access = await reviewAccessForDocument(tx, actor, input.documentId, "send sentences back");
    const seg = await tx.segment.findFirst({ where: { id: input.segmentId, documentId: input.documentId }, select: { id: true } });
    if (!seg) throw new NotFoundError("Sentence not found in this document");
    const member = await tx.projectMember.findUnique({
      where: { projectId_userId: { projectId: access.projectId, userId: input.annotatorId } },
      select: { user: { select: { name: true } } },
    });
    if (!member) throw new NotFoundError("That annotator is not a member of this project");
    const c = await tx.reviewComment.create({
      data: {
        id: newId(),
        documentId: input.documentId,
        segmentId: seg.id,
        annotatorId: input.annotatorId,
        authorId: actor.id,
        comment: input.comment,
      },
    });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "review.send_back",
      entityType: "segment",
      entityId: seg.id,
      after: { annotatorId: input.annotatorId, comment: input.comment, commentId: c.id },
    });
    return {
      id: c.id,
      segmentId: seg.id,
      annotatorId: c.annotatorId,
      annotatorName: member.user.name,
      authorName: actor.name,
      comment: c.comment,
      createdAt: c.createdAt.toISOString(),
    };
  });
}

/**
 * The comments reviewers sent to the acting user about sentences of one document, oldest
 * first, for the workspace. Any member may ask; each sees only the comments addressed to them.
 */
export async function listMyReviewComments(actor: Actor, documentId: string) {
  const db = await getDb();
  const doc = await db.document.findFirst({ where: { id: documentId }, select: { projectId: true } });
  if (!doc) throw new NotFoundError("Document not found");
  const blinding = await outletBlinding(db, await projectAccess(db, actor, doc.projectId));
  const masker = blinding?.masker(
    await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { outlet: true, author: true } }),
  );
  const rows = await db.reviewComment.findMany({
    where: { documentId, annotatorId: actor.id },
    orderBy: { createdAt: "asc" },
    include: { segment: { select: { index: true } }, author: { select: { name: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    segmentId: c.segmentId,
    segmentIndex: c.segment.index,
    comment: masker ? masker.mask(c.comment).text : c.comment,
    from: c.author.name,
    createdAt: c.createdAt.toISOString(),
  }));
}
