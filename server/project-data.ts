import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess } from "@/server/access";
import { InvalidError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { maskedValue, outletBlinding } from "@/server/outlets";
import { projectSchema } from "@/server/label-schema";
import { getDimension } from "@/lib/schema/helpers";

/**
 * Paginated reads of a project for the REST API (`?cursor=&limit=`): the cursor is the last item's
 * id, opaque to clients; `nextCursor` is null on the last page. Members only (others: not found).
 */

const pageInput = z.object({
  cursor: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce
    .number({ message: "limit must be a number" })
    .int({ message: "limit must be a whole number" })
    .min(1, { message: "limit must be at least 1" })
    .max(500, { message: "limit must be at most 500" })
    .default(100),
  documentId: z.string().trim().min(1).max(64).optional(),
});
export type PageInput = z.input<typeof pageInput>;

function parsePage(raw: PageInput) {
  return parseInput(pageInput, raw);
}

/** The project's documents in project order, without their text (sentence counts instead). */
export async function listDocumentsPage(actor: Actor, projectRef: string, raw: PageInput) {
  const page = parsePage(raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  if (page.cursor && !(await db.document.findFirst({ where: { id: page.cursor, projectId: access.projectId }, select: { id: true } }))) {
    throw new InvalidError("cursor: not a document of this project; start again without a cursor");
  }
  const rows = await db.document.findMany({
    where: { projectId: access.projectId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
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
      createdAt: true,
      _count: { select: { segments: true } },
    },
  });
  const more = rows.length > page.limit;
  const blinding = await outletBlinding(db, access);
  const items = rows.slice(0, page.limit).map(({ _count, publishedAt, createdAt, ...d }) => ({
    ...(blinding ? blinding.fields(d) : d),
    publishedAt: publishedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    sentences: _count.segments,
  }));
  return { documents: items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
}

/**
 * The project's labels, by id. An annotator of a blind project gets only their own (as in the
 * workspace). Values are as stored and as POST /api/v1/annotations takes them: span offsets in
 * UTF-16 code units (exports use code points). A null value is a cleared label.
 */
export async function listAnnotationsPage(actor: Actor, projectRef: string, raw: PageInput) {
  const page = parsePage(raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.projectId },
    select: { id: true, blind: true, outletBlindAt: true, labelSchema: true, schemaVersion: true },
  });
  const ownOnly = project.blind && access.role === "ANNOTATOR";
  const blinding = await outletBlinding(db, access, project);
  const rows = await db.annotation.findMany({
    where: {
      projectId: access.projectId,
      ...(ownOnly ? { userId: actor.id } : {}),
      ...(page.documentId ? { documentId: page.documentId } : {}),
      ...(page.cursor ? { id: { gt: page.cursor } } : {}),
    },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    select: {
      id: true,
      documentId: true,
      segmentId: true,
      userId: true,
      dimension: true,
      target: true,
      value: true,
      version: true,
      updatedAt: true,
      segment: { select: { index: true } },
      document: { select: { outlet: true, author: true } },
    },
  });
  const more = rows.length > page.limit;
  // Outlet-blind annotators: names in free-text labels masked; span offsets stay the stored ones.
  const schema = blinding ? projectSchema(project) : null;
  const shown = (a: { dimension: string; value: unknown }, doc: { outlet: string | null; author: string | null }) =>
    blinding && schema ? maskedValue(getDimension(schema, a.dimension)?.kind, a.value, blinding.masker(doc), []) : a.value;
  const items = rows.slice(0, page.limit).map(({ segment, target, updatedAt, document, ...a }) => ({
    ...a,
    value: shown(a, document),
    sentenceIndex: segment.index,
    target: target === "" ? null : target,
    updatedAt: updatedAt.toISOString(),
  }));
  return { annotations: items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
}
