import "server-only";
import { getDb } from "@/server/db/client";
import { lockDocument, uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, visibleProjectsWhere } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import { documentDoneInput } from "@/lib/validation/annotations";
import { isSentenceComplete } from "@/lib/schema/complete";
import { confirmationState } from "@/lib/schema/confirmation";
import { loadSuggestions } from "@/server/suggestions/sets";
import { maskedSegments, maskedValue, outletBlinding } from "@/server/outlets";
import { getDimension } from "@/lib/schema/helpers";
import { toMasked } from "@/lib/outlets/mask";
import { pendingSentBack } from "@/lib/workspace/sent-back";
import { REAL_DOCUMENT } from "@/server/training/exclusion";
import { needsQualification, requireQualified } from "@/server/training/qualification";

/** `sent_back`: a reviewer sent sentences back that the annotator has not confirmed again (never shown as done). */
export type DocStatus = "not_started" | "in_progress" | "sent_back" | "done";

/**
 * The annotator's document list: status and completed-sentence counts (sentences to annotate:
 * boilerplate left out, as in the workspace), and the sentences reviewers sent back to them that
 * they have not confirmed again, with the comments and the sentence's words. A fixed number of queries.
 */
export async function listDocumentsForAnnotator(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  // Until they qualify, an annotator's list is empty: training comes first (server/training).
  const mustQualify = await needsQualification(db, access, actor.id);
  const [documents, segmentCounts, confirmations, targets, assignments, comments, blinding] = await Promise.all([
    db.document.findMany({
      where: { projectId: access.projectId, ...REAL_DOCUMENT, ...(mustQualify ? { id: { in: [] } } : {}) },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, title: true, outlet: true, author: true, story: true, publishedAt: true },
    }),
    db.segment.groupBy({
      by: ["documentId"],
      where: { document: { projectId: access.projectId }, isBoilerplate: false },
      _count: { _all: true },
    }),
    db.segmentStatus.findMany({
      where: { userId: actor.id, confirmedAt: { not: null }, segment: { document: { projectId: access.projectId } } },
      select: {
        documentId: true,
        segmentId: true,
        confirmedAt: true,
        confirmedTargets: true,
        segment: { select: { isBoilerplate: true } },
      },
    }),
    db.target.findMany({ where: { projectId: access.projectId }, select: { id: true, key: true } }),
    db.assignment.findMany({
      where: { userId: actor.id, document: { projectId: access.projectId } },
      select: { documentId: true, status: true },
    }),
    // Reviewers' comments sent back to this annotator (server/review.ts sendBack).
    db.reviewComment.findMany({
      where: { annotatorId: actor.id, document: { projectId: access.projectId } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        documentId: true,
        segmentId: true,
        comment: true,
        createdAt: true,
        author: { select: { name: true } },
        segment: { select: { index: true, start: true, end: true } },
      },
    }),
    outletBlinding(db, access),
  ]);
  const total = new Map(segmentCounts.map((s) => [s.documentId, s._count._all]));
  const pending = pendingSentBack(comments, new Map(confirmations.map((c) => [c.segmentId, c.confirmedAt])));
  // A sentence confirmed before a target was added, or sent back since, is not complete until it is confirmed again.
  const done = new Map<string, number>();
  for (const c of confirmations)
    if (!c.segment.isBoilerplate && !pending.has(c.segmentId) && confirmationState(c.confirmedAt, c.confirmedTargets, targets).confirmed)
      done.set(c.documentId, (done.get(c.documentId) ?? 0) + 1);
  const sentBack = new Map<string, number>();
  for (const [, [c]] of pending) sentBack.set(c!.documentId, (sentBack.get(c!.documentId) ?? 0) + 1);
  const status = new Map(assignments.map((a) => [a.documentId, a.status]));
  const rows = documents.map((d) => {
    const completed = done.get(d.id) ?? 0;
    const st: DocStatus = sentBack.has(d.id)
      ? "sent_back"
      : status.get(d.id) === "done"
        ? "done"
        : completed > 0
          ? "in_progress"
          : "not_started";
    const { author: _author, ...doc } = blinding ? blinding.fields(d) : d;
    return { ...doc, sentences: total.get(d.id) ?? 0, completed, sentBack: sentBack.get(d.id) ?? 0, status: st };
  });
  // The sentences to look at again, in document order, each with its comments (masked like the document's text).
  const byId = new Map(documents.map((d) => [d.id, d]));
  const order = new Map(documents.map((d, i) => [d.id, i]));
  const texts = new Map(
    sentBack.size
      ? (await db.document.findMany({ where: { id: { in: [...sentBack.keys()] } }, select: { id: true, text: true } })).map((d) => [
          d.id,
          d.text,
        ])
      : [],
  );
  const sentBackSentences = [...pending.values()]
    .map((cs) => {
      const d = byId.get(cs[0]!.documentId)!;
      const masker = blinding?.masker(d);
      const { start, end } = cs[0]!.segment;
      // masked before it is cut, so no part of a hidden name is left
      const raw = (texts.get(d.id) ?? "").slice(start, end).trim();
      const sentence = masker ? masker.mask(raw).text : raw;
      const excerpt = sentence.length > 120 ? `${sentence.slice(0, 119).trimEnd()}…` : sentence;
      return {
        documentId: d.id,
        documentTitle: blinding ? blinding.fields(d).title : d.title,
        segmentId: cs[0]!.segmentId,
        index: cs[0]!.segment.index,
        excerpt,
        comments: cs.map((c) => ({
          id: c.id,
          from: c.author.name,
          comment: masker ? masker.mask(c.comment).text : c.comment,
          createdAt: c.createdAt.toISOString(),
        })),
      };
    })
    .sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.index - b.index);
  return { access, documents: rows, sentBack: sentBackSentences, mustQualify };
}

/**
 * Everything the annotation screen needs, in one round trip and a fixed number of queries. For an
 * annotator of an outlet-blind project the document comes masked (lib/outlets/mask.ts): its text,
 * and every offset in masked text (sentences, span labels, suggestions' evidence), with `masks`
 * to map a span back to the stored text's offsets before it is saved. `offsets: "original"`
 * keeps the stored offsets and masks only what is read (the API's labels).
 */
export async function getWorkspace(actor: Actor, projectRef: string, documentId: string, offsets: "masked" | "original" = "masked") {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  await requireQualified(db, access, actor.id);
  const [project, document, segments, annotations, statuses, assignment, docIds, comments, suggestions] = await Promise.all([
    db.project.findUniqueOrThrow({
      where: { id: access.projectId },
      select: {
        id: true,
        slug: true,
        name: true,
        guidelines: true,
        labelSchema: true,
        schemaVersion: true,
        blind: true,
        skipBoilerplate: true,
        outletBlindAt: true,
        targets: { orderBy: { position: "asc" }, select: { id: true, key: true, name: true } },
      },
    }),
    db.document.findFirst({
      where: { id: documentId, projectId: access.projectId, ...REAL_DOCUMENT },
      select: { id: true, title: true, outlet: true, url: true, author: true, publishedAt: true, language: true, text: true },
    }),
    db.segment.findMany({
      where: { documentId, document: { projectId: access.projectId } },
      orderBy: { index: "asc" },
      select: { id: true, index: true, start: true, end: true, paragraph: true, isBoilerplate: true, boilerplateReason: true },
    }),
    db.annotation.findMany({
      where: { documentId, userId: actor.id, projectId: access.projectId },
      select: { segmentId: true, dimension: true, target: true, value: true, version: true, suggestionId: true },
    }),
    db.segmentStatus.findMany({
      where: { documentId, userId: actor.id },
      select: { segmentId: true, confirmedAt: true, confirmedTargets: true, version: true },
    }),
    db.assignment.findUnique({ where: { documentId_userId: { documentId, userId: actor.id } }, select: { status: true } }),
    db.document.findMany({
      where: { projectId: access.projectId, ...REAL_DOCUMENT },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    }),
    // Reviewers' comments sent back to this annotator (server/review.ts sendBack).
    db.reviewComment.findMany({
      where: { documentId, annotatorId: actor.id, document: { projectId: access.projectId } },
      orderBy: { createdAt: "asc" },
      select: { id: true, segmentId: true, comment: true, createdAt: true, author: { select: { name: true } } },
    }),
    // The machine's suggestions, shown as ghost values (blind projects too: they are nobody's labels),
    // unless the project turned them off.
    loadSuggestions(db, { documentId, projectId: access.projectId, project: { suggestionsOffAt: null } }),
  ]);
  if (!document) throw new NotFoundError("Document not found");
  const schema = projectSchema(project);
  // Blind projects (the default) never send anyone else's labels to the browser.
  const others = project.blind
    ? []
    : (
        await db.annotation.findMany({
          where: { documentId, projectId: access.projectId, userId: { not: actor.id } },
          select: { segmentId: true, dimension: true, target: true, value: true, user: { select: { name: true } } },
        })
      )
        .filter((a) => a.value !== null)
        .map((a) => ({
          segmentId: a.segmentId,
          dimension: a.dimension,
          target: a.target === "" ? null : a.target,
          value: a.value,
          annotator: a.user.name,
        }));
  // Sent back and not confirmed since: not confirmed for the workspace, and the document not done.
  const pending = pendingSentBack(comments, new Map(statuses.map((s) => [s.segmentId, s.confirmedAt])));
  const i = docIds.findIndex((d) => d.id === documentId);
  const blinding = await outletBlinding(db, access, project);
  const masker = blinding?.masker(document);
  const { text, replacements: masks } = masker?.mask(document.text) ?? { text: document.text, replacements: [] };
  const shown = offsets === "masked" ? masks : [];
  const kind = (dimension: string) => getDimension(schema, dimension)?.kind;
  const value = <T extends { dimension: string; value: unknown }>(a: T): T =>
    masker ? { ...a, value: maskedValue(kind(a.dimension), a.value, masker, shown) } : a;
  const shownSegments = maskedSegments(segments, shown);
  const segmentStart = new Map(segments.map((s, k) => [s.id, [s.start, shownSegments[k]!.start] as const]));
  // Evidence is relative to its sentence: to the masked text and back to the (masked) sentence.
  const evidence = (segmentId: string, r: [number, number]): [number, number] => {
    const [orig, masked] = segmentStart.get(segmentId) ?? [0, 0];
    return [toMasked(shown, orig + r[0], "start") - masked, toMasked(shown, orig + r[1], "end") - masked];
  };
  const suggestionViews = suggestions.map((g) =>
    masker && shown.length && g.evidence
      ? {
          ...value(g),
          evidence: {
            ...(g.evidence.quotes ? { quotes: g.evidence.quotes.map((q) => evidence(g.segmentId, q)) } : {}),
            ...(g.evidence.cue ? { cue: evidence(g.segmentId, g.evidence.cue) } : {}),
          },
        }
      : value(g),
  );
  return {
    access,
    project: {
      id: project.id,
      slug: project.slug,
      name: project.name,
      guidelines: project.guidelines,
      blind: project.blind,
      skipBoilerplate: project.skipBoilerplate,
      targets: project.targets.map(({ key, name }) => ({ key, name })),
      schema,
    },
    document: { ...(blinding ? blinding.fields(document) : document), text, publishedAt: document.publishedAt?.toISOString() ?? null },
    /** Masked regions of `document.text` (empty unless outlet-blind masking hid a name). */
    masks: shown,
    outletBlind: blinding !== null,
    segments: shownSegments,
    annotations: annotations.map((a) => value({ ...a, target: a.target === "" ? null : a.target })),
    // `confirmed`: for every target there is now; `needsTargets`: confirmed before these targets were added.
    statuses: statuses.map((s) => ({
      segmentId: s.segmentId,
      ...confirmationState(s.confirmedAt, s.confirmedTargets, project.targets),
      version: s.version,
    })),
    others: others.map(value),
    // `pending`: the annotator has not confirmed the sentence since it was sent back.
    reviewComments: comments.map((c) => ({
      id: c.id,
      segmentId: c.segmentId,
      pending: pending.get(c.segmentId)?.includes(c) ?? false,
      comment: masker ? masker.mask(c.comment).text : c.comment,
      from: c.author.name,
      createdAt: c.createdAt.toISOString(),
    })),
    suggestions: suggestionViews,
    done: assignment?.status === "done" && pending.size === 0,
    position: { index: i, total: docIds.length, prev: docIds[i - 1]?.id ?? null, next: docIds[i + 1]?.id ?? null },
  };
}
export type WorkspaceData = Awaited<ReturnType<typeof getWorkspace>>;

/**
 * Marks a document done for the acting annotator: allowed when every non-boilerplate sentence is
 * confirmed and complete, or with `allowIncomplete` (the annotator confirmed "done with incomplete").
 */
export async function setDocumentDone(actor: Actor, raw: unknown) {
  const input = parseInput(documentDoneInput, raw);
  const db = await getDb();
  const doc = await db.document.findFirst({ where: { id: input.documentId }, select: { projectId: true } });
  if (!doc) throw new NotFoundError("Document not found");
  const access = await projectAccess(db, actor, doc.projectId);
  return writeTransaction(async (tx) => {
    // The sentences, schema and targets the completeness check reads stay as read until stored.
    await lockDocument(tx, input.documentId, "labels");
    if (input.done && !input.allowIncomplete) {
      const project = await tx.project.findUniqueOrThrow({
        where: { id: access.projectId },
        select: { id: true, schemaVersion: true, labelSchema: true, targets: { select: { id: true, key: true } } },
      });
      const [segments, mine, statuses, comments] = await Promise.all([
        tx.segment.findMany({ where: { documentId: input.documentId, isBoilerplate: false }, select: { id: true } }),
        tx.annotation.findMany({
          where: { documentId: input.documentId, userId: actor.id },
          select: { segmentId: true, dimension: true, target: true, value: true },
        }),
        tx.segmentStatus.findMany({
          where: { documentId: input.documentId, userId: actor.id, confirmedAt: { not: null } },
          select: { segmentId: true, confirmedAt: true, confirmedTargets: true },
        }),
        tx.reviewComment.findMany({
          where: { documentId: input.documentId, annotatorId: actor.id },
          select: { segmentId: true, createdAt: true },
        }),
      ]);
      const schema = projectSchema(project);
      // A sentence sent back since it was confirmed is confirmed again before the document is done.
      const sentBack = pendingSentBack(comments, new Map(statuses.map((s) => [s.segmentId, s.confirmedAt])));
      const confirmed = new Set(
        statuses
          .filter((s) => !sentBack.has(s.segmentId) && confirmationState(s.confirmedAt, s.confirmedTargets, project.targets).confirmed)
          .map((s) => s.segmentId),
      );
      const bySeg = new Map<string, Map<string, unknown>>();
      for (const a of mine) {
        if (a.value === null) continue;
        if (!bySeg.has(a.segmentId)) bySeg.set(a.segmentId, new Map());
        bySeg.get(a.segmentId)!.set(`${a.dimension}:${a.target}`, a.value);
      }
      const targets = project.targets.map((t) => t.key);
      const incomplete = segments.filter(
        (s) => !confirmed.has(s.id) || !isSentenceComplete(schema, bySeg.get(s.id) ?? new Map(), targets).complete,
      ).length;
      if (incomplete > 0) {
        throw new InvalidError(
          `${incomplete} sentence${incomplete === 1 ? " is" : "s are"} not complete; confirm them or mark the document done with incomplete sentences`,
          { incomplete },
        );
      }
    }
    const status = input.done ? "done" : "in_progress";
    await uniqueOrRetry(
      tx.assignment.upsert({
        where: { documentId_userId: { documentId: input.documentId, userId: actor.id } },
        create: { id: newId(), documentId: input.documentId, userId: actor.id, status, doneAt: input.done ? new Date() : null },
        update: { status, doneAt: input.done ? new Date() : null },
      }),
    );
    await audit(tx, actor, {
      projectId: access.projectId,
      action: input.done ? "document.done" : "document.reopen",
      entityType: "document",
      entityId: input.documentId,
      after: { status, allowIncomplete: input.allowIncomplete },
    });
    return { documentId: input.documentId, done: input.done };
  });
}

/** The acting annotator's own labels and confirmations in one document (API). */
export async function getMyDocumentLabels(actor: Actor, documentId: string) {
  const db = await getDb();
  const doc = await db.document.findFirst({ where: { id: documentId }, select: { projectId: true } });
  if (!doc) throw new NotFoundError("Document not found");
  const { annotations, statuses, done, others } = await getWorkspace(actor, doc.projectId, documentId, "original");
  return { documentId, annotations, statuses, done, others };
}

/** A document with its text and segmentation, for API clients (members of its project). */
export async function getDocumentForApi(actor: Actor, documentId: string) {
  const db = await getDb();
  const doc = await db.document.findFirst({
    where: { id: documentId, project: visibleProjectsWhere(actor) },
    select: {
      id: true,
      projectId: true,
      externalId: true,
      title: true,
      outlet: true,
      story: true,
      url: true,
      author: true,
      publishedAt: true,
      language: true,
      text: true,
      createdAt: true,
      segments: {
        orderBy: { index: "asc" },
        select: { id: true, index: true, start: true, end: true, paragraph: true, isBoilerplate: true, boilerplateReason: true },
      },
    },
  });
  if (!doc) throw new NotFoundError("Document not found");
  // An annotator of an outlet-blind project reads the masked text, its sentences in masked
  // offsets, and `masks` to map a span back to the stored offsets labels are posted in.
  const blinding = await outletBlinding(db, await projectAccess(db, actor, doc.projectId));
  const masked = blinding?.masker(doc).mask(doc.text);
  const shown = masked ? { ...blinding!.fields(doc), text: masked.text, segments: maskedSegments(doc.segments, masked.replacements) } : doc;
  return {
    ...shown,
    masks: masked?.replacements ?? [],
    publishedAt: doc.publishedAt?.toISOString() ?? null,
    createdAt: doc.createdAt.toISOString(),
    offsets: "UTF-16 code units",
  };
}
