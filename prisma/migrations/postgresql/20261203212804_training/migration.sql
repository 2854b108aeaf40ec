-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "trainingAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TrainingRule" (
    "projectId" TEXT NOT NULL,
    "minAccuracy" DOUBLE PRECISION NOT NULL,
    "dimensions" JSONB NOT NULL,
    "maxAttempts" INTEGER NOT NULL,
    "enabledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingRule_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "TrainingExemption" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingExemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAttempt" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "passed" BOOLEAN,
    "score" JSONB,

    CONSTRAINT "TrainingAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingLabel" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "value" JSONB NOT NULL,

    CONSTRAINT "TrainingLabel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingConfirmation" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingConfirmation_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "TrainingRule" ADD CONSTRAINT "TrainingRule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingExemption" ADD CONSTRAINT "TrainingExemption_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingExemption" ADD CONSTRAINT "TrainingExemption_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttempt" ADD CONSTRAINT "TrainingAttempt_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttempt" ADD CONSTRAINT "TrainingAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingLabel" ADD CONSTRAINT "TrainingLabel_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "TrainingAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingLabel" ADD CONSTRAINT "TrainingLabel_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingConfirmation" ADD CONSTRAINT "TrainingConfirmation_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "TrainingAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingConfirmation" ADD CONSTRAINT "TrainingConfirmation_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
