-- AlterTable
ALTER TABLE "Project" ADD COLUMN "suggestionsOffAt" DATETIME;
