-- AlterTable
ALTER TABLE "Project" ADD COLUMN "outletBlindAt" DATETIME;

-- CreateTable
CREATE TABLE "OutletAlias" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "outlet" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    CONSTRAINT "OutletAlias_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "OutletAlias_projectId_key_key" ON "OutletAlias"("projectId", "key");
