-- AlterTable
ALTER TABLE "SegmentStatus" ADD COLUMN     "confirmedTargets" JSONB;

-- Backfill: the targets each existing confirmation covered, from the audit log.
-- A target counts as covered unless the log shows it was added (a "project.targets" event whose
-- after-list has its key and whose before-list does not) after the confirmation, its latest
-- "segment.confirm" event by that annotator on that sentence. Only targets that exist now can be
-- covered (labels of removed targets were deleted with them); a key removed and added again counts
-- from its latest addition. Events are ordered as the log is (createdAt, then id: the table has no
-- sequence). A confirmation with no event of its own was imported by `import:slant`: it is
-- placed at the project's latest Slant import, so targets added after every import are not
-- covered. Where the log cannot tell (no event at all), every target that exists now stays
-- covered: existing judgements are never turned into "not annotated". For the same reason a target
-- toward which the annotator stored a value on that sentence (a stance given while the sentence
-- showed as confirmed, after the target was added) stays covered.
WITH "event" AS (
  SELECT e."projectId", e."action", e."entityType", e."entityId", e."actorId", e."before", e."after",
    ROW_NUMBER() OVER (ORDER BY e."createdAt", e."id") AS "pos"
  FROM "AuditEvent" e WHERE e."action" IN ('segment.confirm', 'document.import', 'project.targets')
), "confirmEvent" AS (
  SELECT "entityId" AS "segmentId", "actorId" AS "userId", MAX("pos") AS "pos"
  FROM "event" WHERE "action" = 'segment.confirm' AND "entityType" = 'segment'
  GROUP BY "entityId", "actorId"
), "slantImport" AS (
  SELECT "projectId", MAX("pos") AS "pos"
  FROM "event" WHERE "action" = 'document.import' AND "after" ->> 'format' = 'slant-jsonl'
  GROUP BY "projectId"
), "added" AS (
  SELECT e."projectId", a ->> 'key' AS "key", MAX(e."pos") AS "pos"
  FROM "event" e CROSS JOIN LATERAL jsonb_array_elements(COALESCE(e."after" -> 'targets', '[]'::jsonb)) a
  WHERE e."action" = 'project.targets'
    AND NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements(COALESCE(e."before" -> 'targets', '[]'::jsonb)) b WHERE b ->> 'key' = a ->> 'key'
    )
  GROUP BY e."projectId", a ->> 'key'
), "confirmation" AS (
  SELECT s."id", s."segmentId", s."userId", d."projectId", COALESCE(c."pos", i."pos") AS "pos"
  FROM "SegmentStatus" s
  JOIN "Document" d ON d."id" = s."documentId"
  LEFT JOIN "confirmEvent" c ON c."segmentId" = s."segmentId" AND c."userId" = s."userId"
  LEFT JOIN "slantImport" i ON i."projectId" = d."projectId"
  WHERE s."confirmedAt" IS NOT NULL
)
UPDATE "SegmentStatus" s SET "confirmedTargets" = COALESCE((
  SELECT jsonb_agg(t."id") FROM "Target" t
  WHERE t."projectId" = c."projectId"
    AND (c."pos" IS NULL
      OR NOT EXISTS (SELECT 1 FROM "added" a WHERE a."projectId" = t."projectId" AND a."key" = t."key" AND a."pos" > c."pos")
      OR EXISTS (SELECT 1 FROM "Annotation" l WHERE l."segmentId" = c."segmentId" AND l."userId" = c."userId" AND l."target" = t."key" AND jsonb_typeof(l."value") <> 'null'))
), '[]'::jsonb)
FROM "confirmation" c WHERE c."id" = s."id";
