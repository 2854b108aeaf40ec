-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SegmentStatus" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "confirmedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SegmentStatus_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SegmentStatus_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SegmentStatus" ("confirmedAt", "documentId", "id", "segmentId", "updatedAt", "userId", "version") SELECT "confirmedAt", "documentId", "id", "segmentId", "updatedAt", "userId", "version" FROM "SegmentStatus";
DROP TABLE "SegmentStatus";
ALTER TABLE "new_SegmentStatus" RENAME TO "SegmentStatus";
CREATE INDEX "SegmentStatus_documentId_userId_idx" ON "SegmentStatus"("documentId", "userId");
CREATE UNIQUE INDEX "SegmentStatus_segmentId_userId_key" ON "SegmentStatus"("segmentId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
