import "server-only";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { lockDocument, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { dropStaleSuggestions, kickSuggestionsAfter } from "@/server/suggestions/jobs";
import { audit } from "@/server/audit";
import { projectAccess, requireRole, visibleProjectsWhere } from "@/server/access";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import {
  applyMergeLabels,
  applySplitLabels,
  loadLabels,
  needsConfirmation,
  planMergeLabels,
  planSplitLabels,
} from "@/server/segment-labels";
import { newId } from "@/lib/ids";
import { planSplit } from "@/lib/segment/edit";
import { describeChange, type SegmentChangeReport, type SegmentRef } from "@/lib/segment/edit-report";
import { mergeSegmentsInput, splitSegmentInput, type MergeSegmentsInput, type SplitSegmentInput } from "@/lib/validation/segments";

/*
 * Managers (and site admins) correct a document's segmentation by splitting and merging sentences.
 * Each change is one transaction with its audit event; the segments stay [start, end) ranges
 * without surrounding whitespace, in order, indexed 0..n-1, the gaps between them whitespace.
 *
 * Labels. Split: the first part keeps the sentence's id and with it every label, confirmation,
 * flag, gold label and review comment; the second part starts unlabelled except for spans, which
 * move with their text (a span wholly in the second part moves to a label of the new sentence for
 * the same annotator and dimension; a span across the split point is clipped to the first part).
 * Merge: the first sentence survives with its labels; a label of the second is taken over where
 * the first has none for the same (annotator, dimension, target), span lists of both are joined
 * (offsets are absolute, so they stay valid), and other labels of the second are dropped. Gold
 * labels follow the same rule per (dimension, target). A confirmation survives a merge only if the
 * annotator confirmed both sentences; a flag on either is kept. When any of this is concerned and
 * `confirm` is not true, a 409 describes exactly what would happen and nothing changes.
 */

/** Indices are moved out of the way and back, so (documentId, index) stays unique at every row. */
const INDEX_SHIFT = 1_000_000;

const SEGMENT_SELECT = {
  id: true,
  index: true,
  start: true,
  end: true,
  paragraph: true,
  isBoilerplate: true,
  boilerplateReason: true,
  kind: true,
} as const;

export type EditableSegment = Awaited<ReturnType<typeof listSegments>>[number];

/** The segments with how many annotators labelled each, for the editor. */
async function listSegments(tx: Db | Tx, documentId: string) {
  const [segments, labelled] = await Promise.all([
    tx.segment.findMany({ where: { documentId }, orderBy: { index: "asc" }, select: SEGMENT_SELECT }),
    tx.annotation.findMany({ where: { documentId }, select: { segmentId: true, userId: true, value: true } }),
  ]);
  const annotators = new Map<string, Set<string>>();
  for (const a of labelled) {
    if (a.value === null) continue;
    const set = annotators.get(a.segmentId) ?? new Set<string>();
    set.add(a.userId);
    annotators.set(a.segmentId, set);
  }
  return segments.map((s) => ({ ...s, annotators: annotators.get(s.id)?.size ?? 0 }));
}

/**
 * The document, for a manager of its project, locked first: a concurrent split or merge of the
 * same document, and a label save on it, wait instead of reading sentences about to change.
 */
async function documentForManager(tx: Tx, actor: Actor, documentId: string) {
  await lockDocument(tx, documentId, "segments");
  const doc = await tx.document.findFirst({
    where: { id: documentId, project: visibleProjectsWhere(actor) },
    select: { id: true, projectId: true, text: true, project: { select: { id: true, schemaVersion: true, labelSchema: true } } },
  });
  if (!doc) throw new NotFoundError("Document not found");
  requireRole(await projectAccess(tx, actor, doc.projectId), ["MANAGER"], "split or merge sentences");
  return doc;
}

async function shiftIndices(tx: Tx, documentId: string, fromIndex: number, delta: 1 | -1) {
  await tx.segment.updateMany({ where: { documentId, index: { gte: fromIndex } }, data: { index: { increment: INDEX_SHIFT } } });
  await tx.segment.updateMany({
    where: { documentId, index: { gte: fromIndex + INDEX_SHIFT } },
    data: { index: { decrement: INDEX_SHIFT - delta } },
  });
}

const ref = (s: { id: string | null; index: number; start: number; end: number }): SegmentRef => ({
  id: s.id,
  index: s.index,
  start: s.start,
  end: s.end,
});

export interface SegmentChangeResult {
  report: SegmentChangeReport;
  segments: EditableSegment[];
}

function confirmOrRefuse(report: Omit<SegmentChangeReport, "summary">, confirm: boolean, what: string): SegmentChangeReport {
  const full = { ...report, summary: describeChange(report) };
  if (full.needsConfirmation && !confirm) {
    throw new ConflictError(
      `${what} has labels, confirmations or comments; send confirm: true to go ahead with the changes described`,
      full,
    );
  }
  return full;
}

/** Splits a sentence in two at `at` (see planSplit for how the point snaps). */
export async function splitSegment(actor: Actor, raw: SplitSegmentInput): Promise<SegmentChangeResult> {
  const input = parseInput(splitSegmentInput, raw);
  return kickSuggestionsAfter(
    writeTransaction(async (tx) => {
      const doc = await documentForManager(tx, actor, input.documentId);
      const seg = await tx.segment.findFirst({ where: { id: input.segmentId, documentId: doc.id }, select: SEGMENT_SELECT });
      if (!seg) throw new NotFoundError("Sentence not found in this document");
      const r = planSplit(doc.text, seg, input.at);
      if (!r.ok) throw new InvalidError(`Sentence ${seg.index + 1}: ${r.error}`);
      const { first, second } = r.plan;
      const labels = await loadLabels(tx, doc.project, [seg.id]);
      const plan = planSplitLabels(labels, r.plan);
      const report = confirmOrRefuse(
        {
          operation: "split",
          before: [ref(seg)],
          after: [ref({ id: seg.id, index: seg.index, ...first }), ref({ id: null, index: seg.index + 1, ...second })],
          needsConfirmation: needsConfirmation(labels),
          annotators: plan.annotators,
          gold: plan.gold,
          dropped: plan.dropped,
          reviewComments: labels.reviewComments.length,
        },
        input.confirm,
        `Sentence ${seg.index + 1}`,
      );
      await shiftIndices(tx, doc.id, seg.index + 1, 1);
      await tx.segment.update({ where: { id: seg.id }, data: { end: first.end } });
      const secondId = newId();
      await tx.segment.create({
        data: {
          id: secondId,
          documentId: doc.id,
          index: seg.index + 1,
          ...second,
          paragraph: seg.paragraph,
          isBoilerplate: seg.isBoilerplate,
          boilerplateReason: seg.boilerplateReason,
          kind: seg.kind,
        },
      });
      await applySplitLabels(tx, plan, doc, secondId);
      report.after[1]!.id = secondId;
      return finishChange(tx, actor, doc, "segment.split", seg.id, report);
    }),
  );
}

/** Merges two neighbouring sentences into the earlier one. */
export async function mergeSegments(actor: Actor, raw: MergeSegmentsInput): Promise<SegmentChangeResult> {
  const input = parseInput(mergeSegmentsInput, raw);
  return kickSuggestionsAfter(
    writeTransaction(async (tx) => {
      const doc = await documentForManager(tx, actor, input.documentId);
      const found = await tx.segment.findMany({
        where: { id: { in: input.segmentIds }, documentId: doc.id },
        orderBy: { index: "asc" },
        select: SEGMENT_SELECT,
      });
      if (found.length !== 2) throw new NotFoundError("Sentence not found in this document");
      const [a, b] = found as [(typeof found)[number], (typeof found)[number]];
      if (b.index !== a.index + 1)
        throw new InvalidError(`Sentences ${a.index + 1} and ${b.index + 1} are not neighbours; only adjacent sentences can be merged`);
      const labels = await loadLabels(tx, doc.project, [a.id, b.id]);
      const plan = planMergeLabels(labels, a.id);
      const report = confirmOrRefuse(
        {
          operation: "merge",
          before: [ref(a), ref(b)],
          after: [ref({ id: a.id, index: a.index, start: a.start, end: b.end })],
          needsConfirmation: needsConfirmation(labels),
          annotators: plan.annotators,
          gold: plan.gold,
          dropped: plan.dropped,
          reviewComments: labels.reviewComments.length,
        },
        input.confirm,
        `Sentences ${a.index + 1} and ${b.index + 1}`,
      );
      await applyMergeLabels(tx, plan, a.id, b.id);
      await tx.segment.delete({ where: { id: b.id } });
      const boilerplate = a.isBoilerplate && b.isBoilerplate;
      await tx.segment.update({
        where: { id: a.id },
        data: { end: b.end, isBoilerplate: boilerplate, boilerplateReason: boilerplate ? a.boilerplateReason : null },
      });
      await shiftIndices(tx, doc.id, b.index + 1, -1);
      return finishChange(tx, actor, doc, "segment.merge", a.id, report);
    }),
  );
}

/** The change's audit event; the document's suggestions are stale (sentences changed) and computed again. */
async function finishChange(
  tx: Tx,
  actor: Actor,
  doc: { id: string; projectId: string },
  action: "segment.split" | "segment.merge",
  segmentId: string,
  report: SegmentChangeReport,
): Promise<SegmentChangeResult> {
  await audit(tx, actor, {
    projectId: doc.projectId,
    action,
    entityType: "segment",
    entityId: segmentId,
    before: { segments: report.before },
    after: auditAfter(report),
  });
  await dropStaleSuggestions(tx, { projectId: doc.projectId, documentIds: [doc.id] });
  return { report, segments: await listSegments(tx, doc.id) };
}

function auditAfter(r: SegmentChangeReport) {
  return {
    segments: r.after,
    annotators: r.annotators.map(({ name: _name, ...counts }) => counts),
    gold: r.gold,
    dropped: r.dropped,
    reviewComments: r.reviewComments,
  };
}

/** Everything the segment editor page needs; managers and site admins only. */
export async function getSegmentEditor(actor: Actor, projectRef: string, documentId: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "split or merge sentences");
  const document = await db.document.findFirst({
    where: { id: documentId, projectId: access.projectId },
    select: { id: true, title: true, text: true, project: { select: { name: true, skipBoilerplate: true } } },
  });
  if (!document) throw new NotFoundError("Document not found");
  const { project, ...doc } = document;
  return {
    access,
    project: { slug: access.slug, name: project.name, skipBoilerplate: project.skipBoilerplate },
    document: doc,
    segments: await listSegments(db, documentId),
  };
}

export type SegmentEditorData = Awaited<ReturnType<typeof getSegmentEditor>>;
