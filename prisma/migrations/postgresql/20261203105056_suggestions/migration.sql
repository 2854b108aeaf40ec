-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "suggestionId" TEXT;

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "kind" TEXT;

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "value" JSONB NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "provider" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "evidence" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionRun" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuggestionRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Suggestion_documentId_idx" ON "Suggestion"("documentId");

-- CreateIndex
CREATE INDEX "Suggestion_projectId_provider_idx" ON "Suggestion"("projectId", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_segmentId_provider_dimension_target_key" ON "Suggestion"("segmentId", "provider", "dimension", "target");

-- CreateIndex
CREATE INDEX "SuggestionRun_status_createdAt_idx" ON "SuggestionRun"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SuggestionRun_projectId_status_idx" ON "SuggestionRun"("projectId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionRun_documentId_provider_key" ON "SuggestionRun"("documentId", "provider");

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionRun" ADD CONSTRAINT "SuggestionRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionRun" ADD CONSTRAINT "SuggestionRun_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill Segment.kind only where the stored columns tell it (lib/segment/kinds.ts): a caption reason
-- is a caption; read_more and source_line are boilerplate. photo_credit and repeated_paragraph depend on
-- the text (a credit alone is boilerplate, a caption with a credit is a caption) and ordinary segments
-- may be headlines, headings or datelines: those stay NULL (unknown), not a guessed 'sentence'.
UPDATE "Segment" SET "kind" = 'caption' WHERE "boilerplateReason" = 'caption';
UPDATE "Segment" SET "kind" = 'boilerplate' WHERE "boilerplateReason" IN ('read_more', 'source_line');
