/*
  Warnings:

  - You are about to drop the column `allowed` on the `ServingRateBucket` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "ServingRateBucket" DROP COLUMN "allowed",
ADD COLUMN     "granted" INTEGER NOT NULL DEFAULT 0;
