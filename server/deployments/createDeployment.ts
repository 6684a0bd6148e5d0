import type { z } from "zod";
import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { aliasNameSchema } from "../registry/registeredModelNames";
import { registerModelVersion } from "../registry/registerModelVersion";
import type { RegistryActor } from "../registry/registryActor";
import { lineageOf } from "../registry/registryLineage";
import { rotateDeploymentKey } from "./deploymentKeys";
import { requireRegisteredVersion } from "./deploymentLookups";
import type { deploymentLimitsSchema } from "./deploymentLimits";
import { slugFor } from "./deploymentSlug";
import { endpointPath } from "./deploymentViews";
import { servedCopyOf, switchServedVersion } from "./switchVersion";

/** What a new endpoint serves: a registered model's alias (it follows the alias), a pinned registered version, or a Model artifact registered first. */
export type DeploymentSource =
  { registeredModelId: string; alias: string } | { registeredVersionId: string } | { artifactId: string; modelName?: string | undefined };

/**
 * The registered models a Model artifact belongs with, most recently updated first: those it is a
 * version of, then those holding a version trained by the same node of the same pipeline (a retrained
 * model is the same model, so deploying it should offer that model's endpoints, not a new one).
 */
export async function relatedRegisteredModels(db: Db, projectId: string, artifactId: string): Promise<{ id: string; name: string }[]> {
  const artifact = await db.artifact.findFirst({
    where: { id: artifactId, projectId },
    select: { nodeId: true, producedBy: { select: { run: { select: { pipelineVersion: { select: { pipelineId: true } } } } } } },
  });
  if (!artifact) throw new DomainError("notFound", "Model artifact not found in this project.");
  const pipelineId = artifact.producedBy?.run.pipelineVersion.pipelineId;
  const sameOrigin = pipelineId ? [{ artifact: { nodeId: artifact.nodeId, producedBy: { run: { pipelineVersion: { pipelineId } } } } }] : [];
  const models = await db.registeredModel.findMany({
    where: { projectId, versions: { some: { OR: [{ artifactId }, ...sameOrigin] } } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, name: true, versions: { where: { artifactId }, select: { id: true } } },
  });
  // A model the artifact is already a version of comes first.
  return [...models.filter((m) => m.versions.length > 0), ...models.filter((m) => m.versions.length === 0)].map((m) => ({ id: m.id, name: m.name }));
}

/** The name a Model artifact is registered under when the user gives none: the model it belongs with, else its pipeline, else its node. */
export async function suggestedModelName(db: Db, projectId: string, artifactId: string): Promise<string> {
  const [related] = await relatedRegisteredModels(db, projectId, artifactId);
  if (related) return related.name;
  const lineage = await lineageOf(db, artifactId);
  return lineage.pipelineName ?? `${lineage.nodeId} model`;
}

/** The registered version a source serves now, with its model and (for an alias) the alias followed. */
async function resolveSource(db: Db, blobs: BlobStore, projectId: string, source: DeploymentSource, actor: RegistryActor) {
  if ("alias" in source) {
    const alias = aliasNameSchema.parse(source.alias);
    const model = await db.registeredModel.findFirst({ where: { id: source.registeredModelId, projectId } });
    if (!model) throw new DomainError("notFound", "Registered model not found in this project.");
    const pointer = await db.modelAlias.findUnique({
      where: { registeredModelId_name: { registeredModelId: model.id, name: alias } },
      include: { version: true },
    });
    if (!pointer) throw new DomainError("notFound", `${model.name} has no version called @${alias}. Set the alias on a version first.`);
    return { model, version: pointer.version, alias };
  }
  if ("registeredVersionId" in source) {
    const version = await requireRegisteredVersion(db, projectId, source.registeredVersionId);
    return { model: version.registeredModel, version, alias: null };
  }
  const modelName = source.modelName ?? (await suggestedModelName(db, projectId, source.artifactId));
  const { registeredModel, version } = await registerModelVersion(db, blobs, { projectId, modelName, artifactId: source.artifactId, actor });
  return { model: registeredModel, version, alias: null };
}

/**
 * Creates an endpoint serving `source`, warmed before it answers, and returns its one-time key.
 * A Model artifact is registered first (so the endpoint is pinned to a registered version); the
 * endpoint is named after the model unless the user named it.
 */
export async function createDeployment(
  db: Db,
  blobs: BlobStore,
  input: {
    projectId: string;
    source: DeploymentSource;
    name?: string | undefined;
    limits?: Partial<z.infer<typeof deploymentLimitsSchema>> | undefined;
    actor: RegistryActor;
  },
) {
  const { model, version, alias } = await resolveSource(db, blobs, input.projectId, input.source, input.actor);
  const name = input.name ?? (alias ? `${model.name} ${alias}` : model.name);
  const deployment = await db.deployment.create({
    data: { projectId: input.projectId, name, slug: slugFor(name), registeredModelId: model.id, servedAlias: alias, ...input.limits },
  });
  try {
    const copy = await servedCopyOf(db, blobs, deployment, version);
    await switchServedVersion(db, deployment.id, copy.id);
  } catch (error) {
    await db.deployment.delete({ where: { id: deployment.id } });
    throw error;
  }
  const { key } = await rotateDeploymentKey(db, deployment.id);
  return { id: deployment.id, slug: deployment.slug, path: endpointPath(deployment.slug), key };
}
