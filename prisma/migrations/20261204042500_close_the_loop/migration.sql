-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "scheduleId" TEXT,
ADD COLUMN     "triggerKey" TEXT;

-- CreateTable
CREATE TABLE "PipelineSchedule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "pipelineId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cron" TEXT,
    "timeZone" TEXT,
    "datasetId" TEXT,
    "lastDatasetVersion" INTEGER,
    "missedPolicy" TEXT NOT NULL DEFAULT 'run_once',
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "nextRunAt" TIMESTAMP(3),
    "lastFiredAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PipelineSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingQueue" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "datasetId" TEXT,
    "pipelineId" TEXT,
    "targetColumn" TEXT NOT NULL,
    "classes" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabelingQueue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingItem" (
    "id" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "row" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "guess" TEXT,
    "confidence" DOUBLE PRECISION,
    "round" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "claimedById" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "labelledById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    "datasetVersionId" TEXT,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearningRound" (
    "id" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "labelCount" INTEGER NOT NULL,
    "runId" TEXT,
    "accuracy" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LearningRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataConnection" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "secretCiphertext" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataConnection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PipelineSchedule_pipelineId_idx" ON "PipelineSchedule"("pipelineId");

-- CreateIndex
CREATE INDEX "PipelineSchedule_paused_nextRunAt_idx" ON "PipelineSchedule"("paused", "nextRunAt");

-- CreateIndex
CREATE INDEX "PipelineSchedule_datasetId_idx" ON "PipelineSchedule"("datasetId");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingQueue_projectId_name_key" ON "LabelingQueue"("projectId", "name");

-- CreateIndex
CREATE INDEX "LabelingItem_queueId_status_round_idx" ON "LabelingItem"("queueId", "status", "round");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingItem_queueId_rowKey_key" ON "LabelingItem"("queueId", "rowKey");

-- CreateIndex
CREATE INDEX "Label_queueId_createdAt_idx" ON "Label"("queueId", "createdAt");

-- CreateIndex
CREATE INDEX "Label_itemId_idx" ON "Label"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "LearningRound_queueId_number_key" ON "LearningRound"("queueId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "DataConnection_projectId_name_key" ON "DataConnection"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Run_scheduleId_triggerKey_key" ON "Run"("scheduleId", "triggerKey");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "PipelineSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineSchedule" ADD CONSTRAINT "PipelineSchedule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineSchedule" ADD CONSTRAINT "PipelineSchedule_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineSchedule" ADD CONSTRAINT "PipelineSchedule_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingQueue" ADD CONSTRAINT "LabelingQueue_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingQueue" ADD CONSTRAINT "LabelingQueue_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingQueue" ADD CONSTRAINT "LabelingQueue_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingItem" ADD CONSTRAINT "LabelingItem_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "LabelingQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "LabelingQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningRound" ADD CONSTRAINT "LearningRound_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "LabelingQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataConnection" ADD CONSTRAINT "DataConnection_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

