-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "suggestionsOffAt" TIMESTAMP(3);
