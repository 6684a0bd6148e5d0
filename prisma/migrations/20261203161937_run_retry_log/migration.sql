-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "retryLog" TEXT NOT NULL DEFAULT '[]';
