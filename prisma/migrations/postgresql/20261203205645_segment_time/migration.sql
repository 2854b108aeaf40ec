-- CreateTable
CREATE TABLE "SegmentTime" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ms" INTEGER NOT NULL,

    CONSTRAINT "SegmentTime_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SegmentTime_documentId_userId_idx" ON "SegmentTime"("documentId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SegmentTime_segmentId_userId_key" ON "SegmentTime"("segmentId", "userId");

-- AddForeignKey
ALTER TABLE "SegmentTime" ADD CONSTRAINT "SegmentTime_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentTime" ADD CONSTRAINT "SegmentTime_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
