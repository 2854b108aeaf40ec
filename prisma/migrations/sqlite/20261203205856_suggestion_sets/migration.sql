-- CreateTable
CREATE TABLE "SuggestionSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SuggestionSet_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SuggestionSet_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SuggestionSet_projectId_provider_idx" ON "SuggestionSet"("projectId", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionSet_documentId_provider_key" ON "SuggestionSet"("documentId", "provider");

-- Moves the suggestions, one row each, into one set per document and provider: per sentence (in
-- document order) its suggestions, each keeping its row id, which labels accepted from it record
-- (Annotation.suggestionId). The set takes the id of its first row (unique, derived from stored data).
INSERT INTO "SuggestionSet" ("id", "projectId", "documentId", "provider", "items", "createdAt")
SELECT MIN(s."firstId"), MIN(s."projectId"), s."documentId", s."provider",
  json_group_array(json_object('segmentId', s."segmentId", 'suggestions', json(s."suggestions")) ORDER BY s."index"),
  MIN(s."createdAt")
FROM (
  SELECT x."documentId", x."provider", x."segmentId", g."index", MIN(x."id") AS "firstId", MIN(x."projectId") AS "projectId",
    MIN(x."createdAt") AS "createdAt",
    json_group_array(json_object(
      'id', x."id", 'dimension', x."dimension", 'target', NULLIF(x."target", ''), 'value', json(x."value"),
      'confidence', x."confidence", 'rule', x."rule", 'evidence', json(x."evidence")
    ) ORDER BY x."dimension", x."target") AS "suggestions"
  FROM "Suggestion" x JOIN "Segment" g ON g."id" = x."segmentId"
  GROUP BY x."documentId", x."provider", x."segmentId", g."index"
) s
GROUP BY s."documentId", s."provider";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Suggestion";
PRAGMA foreign_keys=on;
