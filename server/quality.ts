import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { projectAccess, requireRole } from "@/server/access";
import { describeVariable, loadAgreementData } from "@/server/agreement";
import { parseInput } from "@/server/parse-input";
import { NONE } from "@/lib/agreement/variables";
import { annotatorQuality, type QualityReport, type QualityVariableInput } from "@/lib/quality/annotators";

export interface ProjectQuality extends QualityReport {
  project: { id: string; slug: string; name: string };
  /** sentences with adjudicated gold (non-boilerplate) */
  goldSentences: number;
}

const qualityQuery = z.object({ format: z.enum(["json", "csv"]).default("json") });

/** Sentence-level variables with one category per sentence (span and multi variables have other units). */
const SENTENCE_KINDS = new Set(["per_target", "single", "target_choice"]);

/**
 * Per-annotator quality of a project (lib/quality/annotators.ts) for reviewers, managers and site
 * admins; an annotator is refused (403), a non-member gets 404. The page, the API and the CSV/JSON
 * download all call this. An annotator's labels count on the sentences they confirmed
 * (non-boilerplate), gold is the adjudicated gold layer.
 */
export async function getProjectQuality(actor: Actor, projectRef: string, raw: { format?: string } = {}): Promise<ProjectQuality> {
  parseInput(qualityQuery, raw);
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER", "REVIEWER"], "see annotator quality");
  const projectId = access.projectId;
  const data = await loadAgreementData(db, projectId, 1);
  const variables = data.variables.filter((v) => SENTENCE_KINDS.has(v.kind));
  const nonBoilerplate = { isBoilerplate: false, document: { projectId } };
  const [gold, times, work] = await Promise.all([
    db.goldLabel.findMany({
      where: { segment: nonBoilerplate, dimension: { in: [...new Set(variables.map((v) => v.dimension))] } },
      select: { segmentId: true, dimension: true, target: true, value: true },
    }),
    db.segmentTime.findMany({ where: { segment: nonBoilerplate }, select: { userId: true, segmentId: true, ms: true } }),
    // Per annotator: sentences with a label or a confirmation row, and how many of them are confirmed.
    db.$queryRaw<{ userId: string; touched: number | bigint; confirmed: number | bigint }[]>`
      SELECT w."userId", COUNT(*) AS "touched", SUM(CASE WHEN st."confirmedAt" IS NULL THEN 0 ELSE 1 END) AS "confirmed"
      FROM (
        SELECT "segmentId", "userId" FROM "Annotation" WHERE "projectId" = ${projectId}
        UNION
        SELECT ss."segmentId", ss."userId" FROM "SegmentStatus" ss JOIN "Document" d ON d."id" = ss."documentId" WHERE d."projectId" = ${projectId}
      ) w
      JOIN "Segment" s ON s."id" = w."segmentId" AND s."isBoilerplate" = ${false}
      LEFT JOIN "SegmentStatus" st ON st."segmentId" = w."segmentId" AND st."userId" = w."userId"
      GROUP BY w."userId"`,
  ]);
  // Gold per variable key: a per-target gold row without a value is "none" (as in exports).
  const goldByKey = new Map<string, Map<string, string>>();
  for (const g of gold) {
    const key = g.target ? `${g.dimension}:${g.target}` : g.dimension;
    const value = typeof g.value === "string" ? g.value : g.target ? NONE : null;
    if (value === null) continue;
    let m = goldByKey.get(key);
    if (!m) goldByKey.set(key, (m = new Map()));
    m.set(g.segmentId, value);
  }
  const userIds = work.map((w) => w.userId);
  const users = userIds.length
    ? await db.user.findMany({
        where: { id: { in: userIds } },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: { id: true, name: true },
      })
    : [];
  const inputs: QualityVariableInput[] = variables.map((v) => {
    const { label, categories } = describeVariable(data.schema, v, data.targetNames, data.nameLabels);
    return {
      key: v.key,
      label,
      dimension: v.dimension,
      target: v.target,
      categories,
      units: v.units,
      gold: goldByKey.get(v.key) ?? new Map(),
    };
  });
  const report = annotatorQuality({
    annotators: users,
    variables: inputs,
    times,
    work: work.map((w) => ({ userId: w.userId, touched: Number(w.touched), confirmed: Number(w.confirmed) })),
  });
  const goldSentences = new Set(gold.map((g) => g.segmentId)).size;
  return { project: { id: data.project.id, slug: data.project.slug, name: data.project.name }, goldSentences, ...report };
}
