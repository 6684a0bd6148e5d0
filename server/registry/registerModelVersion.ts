import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { isUniqueViolation } from "../db/uniqueViolation";
import { metricsSnapshot, readDeployableModel } from "../deployments/modelVersions";
import { signatureOf } from "../deployments/signature";
import type { RegistryActor } from "./registryActor";
import { lineageOf } from "./registryLineage";
import { registeredModelNameSchema } from "./registeredModelNames";

export interface RegisterInput {
  projectId: string;
  modelName: string;
  artifactId: string;
  actor: RegistryActor;
  description?: string;
  /** Metrics to record besides those of the run that trained the model (e.g. what a Deploy node compared). */
  metrics?: Record<string, number>;
}

/**
 * Registers a project's Model artifact as the next version of the named model (created on first
 * use). Registering the same artifact twice returns the existing version, so re-running a cached
 * pipeline does not number new versions of an unchanged model.
 */
export async function registerModelVersion(db: Db, blobs: BlobStore, input: RegisterInput) {
  const name = registeredModelNameSchema.parse(input.modelName);
  const { artifact, model } = await readDeployableModel(db, blobs, input.projectId, input.artifactId);
  const registeredModel = await db.registeredModel.upsert({
    where: { projectId_name: { projectId: input.projectId, name } },
    create: { projectId: input.projectId, name },
    update: {},
  });
  const existing = await db.registeredModelVersion.findFirst({ where: { registeredModelId: registeredModel.id, artifactId: artifact.id } });
  if (existing) return { registeredModel, version: existing, created: false };
  const data = {
    registeredModelId: registeredModel.id,
    artifactId: artifact.id,
    lineage: JSON.stringify(await lineageOf(db, artifact.id)),
    metrics: JSON.stringify({ ...(await metricsSnapshot(db, artifact.id)), ...input.metrics }),
    signature: JSON.stringify(signatureOf(model)),
    description: input.description ?? "",
    createdById: input.actor.userId,
    createdByLabel: input.actor.label,
  };
  // Two registrations at once may pick the same number; the unique index refuses one, which tries the next.
  for (let attempt = 0; ; attempt++) {
    const last = await db.registeredModelVersion.findFirst({ where: { registeredModelId: registeredModel.id }, orderBy: { number: "desc" } });
    try {
      const version = await db.registeredModelVersion.create({ data: { ...data, number: (last?.number ?? 0) + 1 } });
      await db.registeredModel.update({ where: { id: registeredModel.id }, data: { updatedAt: new Date() } });
      return { registeredModel, version, created: true };
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
