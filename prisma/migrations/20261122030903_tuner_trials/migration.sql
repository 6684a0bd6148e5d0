-- CreateTable
CREATE TABLE "TunerTrial" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "trialIndex" INTEGER NOT NULL,
    "task" TEXT NOT NULL,
    "splitKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "workerId" TEXT,
    "leaseExpiresAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "score" REAL,
    "modelKey" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "TunerTrial_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TunerTrial_status_createdAt_idx" ON "TunerTrial"("status", "createdAt");

-- CreateIndex
CREATE INDEX "TunerTrial_runId_idx" ON "TunerTrial"("runId");
