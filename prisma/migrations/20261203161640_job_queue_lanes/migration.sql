/*
  Warnings:

  - You are about to drop the column `leaseExpiresAt` on the `Run` table. All the data in the column will be lost.
  - You are about to drop the column `leaseExpiresAt` on the `TunerTrial` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Run" DROP COLUMN "leaseExpiresAt",
ADD COLUMN     "dispatchedAt" TIMESTAMP(3),
ADD COLUMN     "ignoreCache" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lane" TEXT NOT NULL DEFAULT 'interactive',
ADD COLUMN     "movedToFrontAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TunerTrial" DROP COLUMN "leaseExpiresAt";

-- CreateIndex
CREATE INDEX "Run_target_status_projectId_idx" ON "Run"("target", "status", "projectId");
