-- AlterTable
ALTER TABLE "Document" ADD COLUMN "trainingAt" DATETIME;

-- CreateTable
CREATE TABLE "TrainingRule" (
    "projectId" TEXT NOT NULL PRIMARY KEY,
    "minAccuracy" REAL NOT NULL,
    "dimensions" JSONB NOT NULL,
    "maxAttempts" INTEGER NOT NULL,
    "enabledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingRule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingExemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingExemption_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingExemption_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "passed" BOOLEAN,
    "score" JSONB,
    CONSTRAINT "TrainingAttempt_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingLabel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "value" JSONB NOT NULL,
    CONSTRAINT "TrainingLabel_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "TrainingAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingLabel_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "confirmedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingConfirmation_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "TrainingAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingConfirmation_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingExemption_projectId_userId_key" ON "TrainingExemption"("projectId", "userId");

-- CreateIndex
CREATE INDEX "TrainingAttempt_userId_idx" ON "TrainingAttempt"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingAttempt_projectId_userId_number_key" ON "TrainingAttempt"("projectId", "userId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingLabel_attemptId_segmentId_dimension_target_key" ON "TrainingLabel"("attemptId", "segmentId", "dimension", "target");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingConfirmation_attemptId_segmentId_key" ON "TrainingConfirmation"("attemptId", "segmentId");
