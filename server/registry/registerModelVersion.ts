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
  const registeredModel = await modelNamed(db, input.projectId, name);
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
  return db.$transaction(async (tx) => {
    // One registration per model at a time, so concurrent ones (a Deploy node in two runs of a cached
    // pipeline, say) neither register one artifact twice nor take the same number.
    await tx.$queryRaw`SELECT 1 FROM "RegisteredModel" WHERE "id" = ${registeredModel.id} FOR UPDATE`;
    const existing = await tx.registeredModelVersion.findFirst({ where: { registeredModelId: registeredModel.id, artifactId: artifact.id } });
    if (existing) return { registeredModel, version: existing, created: false };
    const last = await tx.registeredModelVersion.findFirst({ where: { registeredModelId: registeredModel.id }, orderBy: { number: "desc" } });
    const version = await tx.registeredModelVersion.create({ data: { ...data, number: (last?.number ?? 0) + 1 } });
    await tx.registeredModel.update({ where: { id: registeredModel.id }, data: { updatedAt: new Date() } });
    return { registeredModel, version, created: true };
  });
}

/** The project's model of that name, created on first use; of two first registrations at once, the later reads the earlier's row. */
async function modelNamed(db: Db, projectId: string, name: string) {
  const key = { projectId_name: { projectId, name } };
  try {
    return await db.registeredModel.upsert({ where: key, create: { projectId, name }, update: {} });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.registeredModel.findUniqueOrThrow({ where: key });
  }
}
