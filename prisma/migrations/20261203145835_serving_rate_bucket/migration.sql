-- CreateTable
CREATE TABLE "ServingRateBucket" (
    "id" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "allowed" BOOLEAN NOT NULL,

    CONSTRAINT "ServingRateBucket_pkey" PRIMARY KEY ("id")
);
