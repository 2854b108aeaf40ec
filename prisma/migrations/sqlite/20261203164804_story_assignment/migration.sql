-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN "ruleNotes" JSONB;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "storyAssignment" TEXT;
