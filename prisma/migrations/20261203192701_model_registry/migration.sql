-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "canaryPercent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "canaryVersionId" TEXT,
ADD COLUMN     "registeredModelId" TEXT,
ADD COLUMN     "servedAlias" TEXT;

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "registeredVersionId" TEXT;

-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN     "outputs" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "RegisteredModel" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisteredModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisteredModelVersion" (
    "id" TEXT NOT NULL,
    "registeredModelId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "artifactId" TEXT NOT NULL,
    "lineage" TEXT NOT NULL DEFAULT '{}',
    "metrics" TEXT NOT NULL DEFAULT '{}',
    "signature" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegisteredModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelAlias" (
    "id" TEXT NOT NULL,
    "registeredModelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelAliasMove" (
    "id" TEXT NOT NULL,
    "registeredModelId" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "fromVersionId" TEXT,
    "toVersionId" TEXT,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelAliasMove_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchPrediction" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "registeredVersionId" TEXT,
    "deploymentId" TEXT,
    "artifactId" TEXT NOT NULL,
    "inputName" TEXT NOT NULL,
    "inputStorageKey" TEXT,
    "datasetVersionId" TEXT,
    "keyColumn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "rowsTotal" INTEGER,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "outputStorageKey" TEXT,
    "error" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BatchPrediction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RegisteredModel_projectId_name_key" ON "RegisteredModel"("projectId", "name");

-- CreateIndex
CREATE INDEX "RegisteredModelVersion_artifactId_idx" ON "RegisteredModelVersion"("artifactId");

-- CreateIndex
CREATE UNIQUE INDEX "RegisteredModelVersion_registeredModelId_number_key" ON "RegisteredModelVersion"("registeredModelId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ModelAlias_registeredModelId_name_key" ON "ModelAlias"("registeredModelId", "name");

-- CreateIndex
CREATE INDEX "ModelAliasMove_registeredModelId_createdAt_idx" ON "ModelAliasMove"("registeredModelId", "createdAt");

-- CreateIndex
CREATE INDEX "BatchPrediction_projectId_createdAt_idx" ON "BatchPrediction"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Deployment_registeredModelId_idx" ON "Deployment"("registeredModelId");

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_registeredModelId_fkey" FOREIGN KEY ("registeredModelId") REFERENCES "RegisteredModel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredModel" ADD CONSTRAINT "RegisteredModel_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredModelVersion" ADD CONSTRAINT "RegisteredModelVersion_registeredModelId_fkey" FOREIGN KEY ("registeredModelId") REFERENCES "RegisteredModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredModelVersion" ADD CONSTRAINT "RegisteredModelVersion_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAlias" ADD CONSTRAINT "ModelAlias_registeredModelId_fkey" FOREIGN KEY ("registeredModelId") REFERENCES "RegisteredModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAlias" ADD CONSTRAINT "ModelAlias_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RegisteredModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAliasMove" ADD CONSTRAINT "ModelAliasMove_registeredModelId_fkey" FOREIGN KEY ("registeredModelId") REFERENCES "RegisteredModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchPrediction" ADD CONSTRAINT "BatchPrediction_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every existing deployment becomes a registered model of the same name (suffixed
-- with its slug when two deployments of a project share a name); its served versions become
-- that model's versions, and the deployment stays pinned to the version it serves.
INSERT INTO "RegisteredModel" ("id", "projectId", "name", "description", "createdAt", "updatedAt")
SELECT 'rm_' || d."id", d."projectId",
       CASE WHEN COUNT(*) OVER (PARTITION BY d."projectId", d."name") > 1 THEN d."name" || ' (' || d."slug" || ')' ELSE d."name" END,
       '', d."createdAt", CURRENT_TIMESTAMP
FROM "Deployment" d;

INSERT INTO "RegisteredModelVersion" ("id", "registeredModelId", "number", "artifactId", "lineage", "metrics", "signature", "createdByLabel", "createdAt")
SELECT 'rmv_' || v."id", 'rm_' || v."deploymentId", v."number", v."artifactId", '{}', v."metrics", v."signature", 'deployment (before the registry)', v."createdAt"
FROM "ModelVersion" v
WHERE EXISTS (SELECT 1 FROM "Artifact" a WHERE a."id" = v."artifactId");

UPDATE "ModelVersion" v SET "registeredVersionId" = 'rmv_' || v."id"
WHERE EXISTS (SELECT 1 FROM "RegisteredModelVersion" r WHERE r."id" = 'rmv_' || v."id");

UPDATE "Deployment" d SET "registeredModelId" = 'rm_' || d."id";
