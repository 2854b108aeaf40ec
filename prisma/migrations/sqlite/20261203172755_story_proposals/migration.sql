-- CreateTable
CREATE TABLE "StoryPairDismissal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "documentAId" TEXT NOT NULL,
    "documentBId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoryPairDismissal_documentAId_fkey" FOREIGN KEY ("documentAId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoryPairDismissal_documentBId_fkey" FOREIGN KEY ("documentBId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StoryPairDismissal_projectId_idx" ON "StoryPairDismissal"("projectId");

-- CreateIndex
CREATE INDEX "StoryPairDismissal_documentBId_idx" ON "StoryPairDismissal"("documentBId");

-- CreateIndex
CREATE UNIQUE INDEX "StoryPairDismissal_documentAId_documentBId_key" ON "StoryPairDismissal"("documentAId", "documentBId");
