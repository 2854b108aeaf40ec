-- CreateTable
CREATE TABLE "SuggestionSet" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuggestionSet_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SuggestionSet_projectId_provider_idx" ON "SuggestionSet"("projectId", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionSet_documentId_provider_key" ON "SuggestionSet"("documentId", "provider");

-- AddForeignKey
ALTER TABLE "SuggestionSet" ADD CONSTRAINT "SuggestionSet_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionSet" ADD CONSTRAINT "SuggestionSet_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Moves the suggestions, one row each, into one set per document and provider: per sentence (in
-- document order) its suggestions, each keeping its row id, which labels accepted from it record
-- (Annotation.suggestionId). The set takes the id of its first row (unique, derived from stored data).
INSERT INTO "SuggestionSet" ("id", "projectId", "documentId", "provider", "items", "createdAt")
SELECT MIN(s."firstId"), MIN(s."projectId"), s."documentId", s."provider",
  jsonb_agg(jsonb_build_object('segmentId', s."segmentId", 'suggestions', s."suggestions") ORDER BY s."index"),
  MIN(s."createdAt")
FROM (
  SELECT x."documentId", x."provider", x."segmentId", g."index", MIN(x."id") AS "firstId", MIN(x."projectId") AS "projectId",
    MIN(x."createdAt") AS "createdAt",
    jsonb_agg(jsonb_build_object(
      'id', x."id", 'dimension', x."dimension", 'target', NULLIF(x."target", ''), 'value', x."value",
      'confidence', x."confidence", 'rule', x."rule", 'evidence', x."evidence"
    ) ORDER BY x."dimension", x."target") AS "suggestions"
  FROM "Suggestion" x JOIN "Segment" g ON g."id" = x."segmentId"
  GROUP BY x."documentId", x."provider", x."segmentId", g."index"
) s
GROUP BY s."documentId", s."provider";

-- DropForeignKey
ALTER TABLE "Suggestion" DROP CONSTRAINT "Suggestion_documentId_fkey";

-- DropForeignKey
ALTER TABLE "Suggestion" DROP CONSTRAINT "Suggestion_projectId_fkey";

-- DropForeignKey
ALTER TABLE "Suggestion" DROP CONSTRAINT "Suggestion_segmentId_fkey";

-- DropTable
DROP TABLE "Suggestion";

