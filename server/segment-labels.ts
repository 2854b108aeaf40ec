import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/server/db/client";
import { projectSchema } from "@/server/label-schema";
import { ConflictError } from "@/server/errors";
import { newId } from "@/lib/ids";
import { storedTargetIds } from "@/lib/schema/confirmation";
import { isSpanList, splitSpans, unionSpans, type Span, type SplitPlan } from "@/lib/segment/edit";
import { emptyImpact, type AnnotatorImpact, type DroppedLabel, type GoldImpact } from "@/lib/segment/edit-report";

/**
 * What happens to labels when sentences are split or merged (see server/segments.ts for the
 * rules), planned from the rows first (for the 409 report) and then applied.
 */

interface Row {
  id: string;
  segmentId: string;
  dimension: string;
  target: string;
  value: unknown;
  version: number;
}
type AnnotationRow = Row & { userId: string };
type GoldRow = Row & { comment: string; decidedById: string };

export interface Labels {
  annotations: AnnotationRow[];
  gold: GoldRow[];
  statuses: {
    id: string;
    segmentId: string;
    userId: string;
    confirmedAt: Date | null;
    confirmedTargets: unknown;
    version: number;
  }[];
  reviewComments: { id: string; segmentId: string }[];
  names: Map<string, string>;
  spanDims: Set<string>;
}

export async function loadLabels(
  tx: Tx,
  project: { id: string; schemaVersion: number; labelSchema: unknown },
  segmentIds: string[],
): Promise<Labels> {
  const where = { segmentId: { in: segmentIds } };
  const [annotations, gold, statuses, reviewComments] = await Promise.all([
    tx.annotation.findMany({
      where,
      orderBy: { id: "asc" },
      select: { id: true, segmentId: true, userId: true, dimension: true, target: true, value: true, version: true },
    }),
    tx.goldLabel.findMany({
      where,
      orderBy: { id: "asc" },
      select: { id: true, segmentId: true, dimension: true, target: true, value: true, version: true, comment: true, decidedById: true },
    }),
    tx.segmentStatus.findMany({
      where,
      orderBy: { id: "asc" },
      select: { id: true, segmentId: true, userId: true, confirmedAt: true, confirmedTargets: true, version: true },
    }),
    tx.reviewComment.findMany({ where, select: { id: true, segmentId: true } }),
  ]);
  const userIds = [...new Set([...annotations.map((a) => a.userId), ...statuses.map((s) => s.userId)])];
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const schema = projectSchema(project);
  return {
    annotations,
    gold,
    statuses,
    reviewComments,
    names: new Map(users.map((u) => [u.id, u.name])),
    spanDims: new Set(schema.dimensions.filter((d) => d.kind === "span").map((d) => d.id)),
  };
}

export function needsConfirmation(l: Labels): boolean {
  return (
    l.annotations.some((a) => a.value !== null) || l.gold.length > 0 || l.reviewComments.length > 0 || l.statuses.some((s) => s.confirmedAt)
  );
}

function impacts(l: Labels) {
  const map = new Map<string, AnnotatorImpact>();
  const get = (userId: string) => {
    let i = map.get(userId);
    if (!i) map.set(userId, (i = { userId, name: l.names.get(userId) ?? "(unknown)", ...emptyImpact(), confirmation: null }));
    return i;
  };
  return { get, list: () => [...map.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

const json = (v: unknown) => (v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue));
const stale = () => new ConflictError("A label on these sentences changed while they were being edited; reload and try again");
const isSpans = (l: Labels, r: Row): r is Row & { value: Span[] } => l.spanDims.has(r.dimension) && isSpanList(r.value);

// ---- split ----

/** The span rows to cut in two: the first part keeps `first`, the new sentence gets `second`. */
interface SpanCut<R extends Row> {
  row: R;
  first: Span[];
  second: Span[];
}

export function planSplitLabels(l: Labels, plan: SplitPlan) {
  const people = impacts(l);
  const gold: GoldImpact = emptyImpact();
  const cutAnnotations: SpanCut<AnnotationRow>[] = [];
  const cutGold: SpanCut<GoldRow>[] = [];
  const cut = <R extends Row>(r: R, into: SpanCut<R>[], impact: GoldImpact) => {
    if (!isSpans(l, r)) return;
    const s = splitSpans(r.value, plan);
    impact.spansMoved += s.moved;
    impact.spansClipped += s.clipped;
    if (s.moved || s.clipped) into.push({ row: r, first: s.first, second: s.second });
  };
  for (const a of l.annotations) {
    if (a.value === null) continue;
    const i = people.get(a.userId);
    i.labels++;
    i.kept++;
    cut(a, cutAnnotations, i);
  }
  for (const g of l.gold) {
    gold.labels++;
    gold.kept++;
    cut(g, cutGold, gold);
  }
  for (const s of l.statuses) if (s.confirmedAt) people.get(s.userId).confirmation = "kept";
  return { annotators: people.list(), gold, dropped: [] as DroppedLabel[], cutAnnotations, cutGold };
}

export async function applySplitLabels(
  tx: Tx,
  p: ReturnType<typeof planSplitLabels>,
  doc: { id: string; projectId: string },
  newSegmentId: string,
) {
  for (const { row, first, second } of p.cutAnnotations) {
    const u = await tx.annotation.updateMany({
      where: { id: row.id, version: row.version },
      data: { value: json(first), version: { increment: 1 } },
    });
    if (u.count !== 1) throw stale();
    if (second.length) {
      await tx.annotation.create({
        data: {
          id: newId(),
          projectId: doc.projectId,
          documentId: doc.id,
          segmentId: newSegmentId,
          userId: row.userId,
          dimension: row.dimension,
          target: row.target,
          value: json(second),
        },
      });
    }
  }
  for (const { row, first, second } of p.cutGold) {
    const u = await tx.goldLabel.updateMany({
      where: { id: row.id, version: row.version },
      data: { value: json(first), version: { increment: 1 } },
    });
    if (u.count !== 1) throw stale();
    if (second.length) {
      await tx.goldLabel.create({
        data: {
          id: newId(),
          segmentId: newSegmentId,
          dimension: row.dimension,
          target: row.target,
          value: json(second),
          comment: row.comment,
          decidedById: row.decidedById,
        },
      });
    }
  }
}

// ---- merge ----

interface RowMerge<R extends Row> {
  /** The second sentence's row is taken over (after `replaces`, the first's empty row, is deleted). */
  moves: { row: R; replaces: R | null }[];
  /** Span lists of both sentences joined into the first's row. */
  unions: { keep: R; drop: R; value: Span[] }[];
  /** The second's rows deleted: the first has a label there, or the row is empty. */
  deletes: R[];
  dropped: DroppedLabel[];
}

function mergeRows<R extends Row>(
  l: Labels,
  a: R[],
  b: R[],
  how: { key: (r: R) => string; isEmpty: (r: R) => boolean; impact: (r: R) => GoldImpact; who: (r: R) => string | null },
) {
  const out: RowMerge<R> = { moves: [], unions: [], deletes: [], dropped: [] };
  const firsts = new Map(a.map((r) => [how.key(r), r]));
  for (const r of a) {
    if (how.isEmpty(r)) continue;
    how.impact(r).labels++;
    how.impact(r).kept++;
  }
  for (const r of b) {
    if (how.isEmpty(r)) {
      out.deletes.push(r);
      continue;
    }
    const i = how.impact(r);
    i.labels++;
    const f = firsts.get(how.key(r));
    if (!f || how.isEmpty(f)) {
      out.moves.push({ row: r, replaces: f ?? null });
      i.moved++;
    } else if (isSpans(l, f) && isSpans(l, r)) {
      out.unions.push({ keep: f, drop: r, value: unionSpans(f.value, r.value) });
      i.spansJoined += r.value.length;
    } else {
      out.deletes.push(r);
      i.dropped++;
      out.dropped.push({ annotator: how.who(r), dimension: r.dimension, target: r.target || null, value: r.value, keptValue: f.value });
    }
  }
  return out;
}

export function planMergeLabels(l: Labels, firstId: string) {
  const people = impacts(l);
  const gold: GoldImpact = emptyImpact();
  const inA = <R extends Row>(rows: R[]) => rows.filter((r) => r.segmentId === firstId);
  const inB = <R extends Row>(rows: R[]) => rows.filter((r) => r.segmentId !== firstId);
  const annotationOps = mergeRows(l, inA(l.annotations), inB(l.annotations), {
    key: (r) => `${r.userId}\u0000${r.dimension}\u0000${r.target}`,
    isEmpty: (r) => r.value === null,
    impact: (r) => people.get(r.userId),
    who: (r) => people.get(r.userId).name,
  });
  // A gold row with a null value is a decision ("none"), never empty.
  const goldOps = mergeRows(l, inA(l.gold), inB(l.gold), {
    key: (r) => `${r.dimension}\u0000${r.target}`,
    isEmpty: () => false,
    impact: () => gold,
    who: () => null,
  });
  const statuses: {
    userId: string;
    first: Labels["statuses"][number] | undefined;
    confirmedAt: Date | null;
    /** Both confirmations cover a target only if each did. */
    confirmedTargets: string[] | null;
  }[] = [];
  for (const userId of new Set(l.statuses.map((s) => s.userId))) {
    const sa = l.statuses.find((s) => s.userId === userId && s.segmentId === firstId);
    const sb = l.statuses.find((s) => s.userId === userId && s.segmentId !== firstId);
    const both = !!sa?.confirmedAt && !!sb?.confirmedAt;
    if (sa?.confirmedAt || sb?.confirmedAt) people.get(userId).confirmation = both ? "kept" : "cleared";
    statuses.push({
      userId,
      first: sa,
      confirmedAt: both ? sa!.confirmedAt : null,
      confirmedTargets: both
        ? [...storedTargetIds(sa!.confirmedTargets)].filter((t) => storedTargetIds(sb!.confirmedTargets).has(t))
        : null,
    });
  }
  return { annotators: people.list(), gold, dropped: [...annotationOps.dropped, ...goldOps.dropped], annotationOps, goldOps, statuses };
}

export async function applyMergeLabels(tx: Tx, p: ReturnType<typeof planMergeLabels>, firstId: string, secondId: string) {
  type Where = { id: string; version: number };
  type Data = { value?: ReturnType<typeof json>; segmentId?: string; version: number | { increment: number } };
  const tables = [
    {
      ops: p.annotationOps as RowMerge<Row>,
      del: (where: Where) => tx.annotation.deleteMany({ where }),
      update: (where: Where, data: Data) => tx.annotation.updateMany({ where, data }),
    },
    {
      ops: p.goldOps as RowMerge<Row>,
      del: (where: Where) => tx.goldLabel.deleteMany({ where }),
      update: (where: Where, data: Data) => tx.goldLabel.updateMany({ where, data }),
    },
  ];
  for (const t of tables) {
    const del = async (r: Row) => {
      if ((await t.del({ id: r.id, version: r.version })).count !== 1) throw stale();
    };
    const update = async (r: Row, data: Data) => {
      if ((await t.update({ id: r.id, version: r.version }, data)).count !== 1) throw stale();
    };
    for (const r of t.ops.deletes) await del(r);
    for (const { keep, drop, value } of t.ops.unions) {
      await del(drop);
      await update(keep, { value: json(value), version: { increment: 1 } });
    }
    for (const { row, replaces } of t.ops.moves) {
      if (replaces) await del(replaces);
      // A version above both rows' makes any client's stale copy of either refuse to overwrite it.
      await update(row, { segmentId: firstId, version: Math.max(row.version, replaces?.version ?? 0) + 1 });
    }
  }
  await tx.segmentStatus.deleteMany({ where: { segmentId: secondId } });
  for (const s of p.statuses) {
    if (!s.first) continue;
    const sameTargets = JSON.stringify(s.first.confirmedTargets ?? null) === JSON.stringify(s.confirmedTargets);
    if (+(s.first.confirmedAt ?? 0) === +(s.confirmedAt ?? 0) && sameTargets) continue;
    const u = await tx.segmentStatus.updateMany({
      where: { id: s.first.id, version: s.first.version },
      data: { confirmedAt: s.confirmedAt, confirmedTargets: s.confirmedTargets ?? Prisma.DbNull, version: { increment: 1 } },
    });
    if (u.count !== 1) throw stale();
  }
  await tx.reviewComment.updateMany({ where: { segmentId: secondId }, data: { segmentId: firstId } });
}
