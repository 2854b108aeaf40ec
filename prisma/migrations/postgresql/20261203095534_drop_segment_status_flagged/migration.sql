-- AlterTable
ALTER TABLE "SegmentStatus" DROP COLUMN "flagged";
