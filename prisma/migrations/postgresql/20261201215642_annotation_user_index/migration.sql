-- CreateIndex
CREATE INDEX "Annotation_projectId_userId_createdAt_idx" ON "Annotation"("projectId", "userId", "createdAt");
