-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "public" BOOLEAN NOT NULL DEFAULT false,
    "currentVersionId" TEXT,
    "previousVersionId" TEXT,
    "maxInstances" INTEGER NOT NULL DEFAULT 1000,
    "maxBodyBytes" INTEGER NOT NULL DEFAULT 1048576,
    "rateLimitPerSecond" REAL NOT NULL DEFAULT 50,
    "rateLimitBurst" INTEGER NOT NULL DEFAULT 100,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DeploymentKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deploymentId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "DeploymentKey_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deploymentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "metrics" TEXT NOT NULL DEFAULT '{}',
    "signature" TEXT NOT NULL,
    "trainingProfile" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModelVersion_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deploymentId" TEXT NOT NULL,
    "versionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "latencyMs" REAL NOT NULL,
    "instances" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    CONSTRAINT "RequestLog_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InputSample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deploymentId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "features" TEXT NOT NULL,
    CONSTRAINT "InputSample_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_slug_key" ON "Deployment"("slug");

-- CreateIndex
CREATE INDEX "Deployment_projectId_idx" ON "Deployment"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "DeploymentKey_keyHash_key" ON "DeploymentKey"("keyHash");

-- CreateIndex
CREATE INDEX "DeploymentKey_deploymentId_idx" ON "DeploymentKey"("deploymentId");

-- CreateIndex
CREATE INDEX "DeploymentKey_prefix_idx" ON "DeploymentKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_deploymentId_number_key" ON "ModelVersion"("deploymentId", "number");

-- CreateIndex
CREATE INDEX "RequestLog_deploymentId_createdAt_idx" ON "RequestLog"("deploymentId", "createdAt");

-- CreateIndex
CREATE INDEX "InputSample_deploymentId_createdAt_idx" ON "InputSample"("deploymentId", "createdAt");
