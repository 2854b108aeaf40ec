-- CreateTable
CREATE TABLE "StoryPairDismissal" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "documentAId" TEXT NOT NULL,
    "documentBId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoryPairDismissal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoryPairDismissal_projectId_idx" ON "StoryPairDismissal"("projectId");

-- CreateIndex
CREATE INDEX "StoryPairDismissal_documentBId_idx" ON "StoryPairDismissal"("documentBId");

-- CreateIndex
CREATE UNIQUE INDEX "StoryPairDismissal_documentAId_documentBId_key" ON "StoryPairDismissal"("documentAId", "documentBId");

-- AddForeignKey
ALTER TABLE "StoryPairDismissal" ADD CONSTRAINT "StoryPairDismissal_documentAId_fkey" FOREIGN KEY ("documentAId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryPairDismissal" ADD CONSTRAINT "StoryPairDismissal_documentBId_fkey" FOREIGN KEY ("documentBId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
