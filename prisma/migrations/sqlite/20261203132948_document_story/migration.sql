-- AlterTable
ALTER TABLE "Document" ADD COLUMN "story" TEXT;

-- CreateIndex
CREATE INDEX "Document_projectId_story_idx" ON "Document"("projectId", "story");
