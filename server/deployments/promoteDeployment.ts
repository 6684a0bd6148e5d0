import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { contractChanges, refuseUnconfirmedContractChanges, type ContractChange } from "../registry/contractCheck";
import { moveAlias } from "../registry/modelAliases";
import { registerModelVersion } from "../registry/registerModelVersion";
import type { RegistryActor } from "../registry/registryActor";
import { requireDeployment, requireRegisteredVersion } from "./deploymentLookups";
import { createModelVersion, readDeployableModel } from "./modelVersions";
import { parseSignature, signatureOf, type ModelSignature } from "./signature";
import { servedCopyOf, switchServedVersion } from "./switchVersion";

/** What to promote: a registered version, or a Model artifact (registered under the endpoint's model first). */
export type PromoteTarget = { registeredVersionId: string } | { artifactId: string };

type PromotedDeployment = Awaited<ReturnType<typeof requireDeployment>>;

/** A registered version this deployment may serve. */
async function requirePromotableVersion(db: Db, projectId: string, deployment: PromotedDeployment, registeredVersionId: string) {
  const version = await requireRegisteredVersion(db, projectId, registeredVersionId);
  // An alias belongs to one model: serving another model's version here would silently break the link.
  if (deployment.servedAlias !== null && version.registeredModelId !== deployment.registeredModelId)
    throw new DomainError(
      "invalid",
      `This endpoint follows ${deployment.registeredModel?.name ?? "its model"} @${deployment.servedAlias}; promote a version of that model, or pin the endpoint first.`,
    );
  return version;
}

/** The signature the target would serve, without registering or loading anything. */
async function targetSignature(db: Db, blobs: BlobStore, projectId: string, deployment: PromotedDeployment, target: PromoteTarget): Promise<ModelSignature> {
  if ("registeredVersionId" in target) return parseSignature((await requirePromotableVersion(db, projectId, deployment, target.registeredVersionId)).signature);
  return signatureOf((await readDeployableModel(db, blobs, projectId, target.artifactId)).model);
}

/** The endpoints a promote would switch: this one, and for an alias-following endpoint every other endpoint that follows the alias. */
async function switchedEndpoints(db: Db, deployment: PromotedDeployment) {
  if (deployment.servedAlias === null || deployment.registeredModelId === null) return [{ id: deployment.id, name: deployment.name }];
  return db.deployment.findMany({
    where: { registeredModelId: deployment.registeredModelId, servedAlias: deployment.servedAlias },
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
}

export interface PromotePreview {
  /** Set when the endpoint follows an alias: the promote moves it, for every endpoint listed in `endpoints`. */
  alias: { modelName: string; name: string } | null;
  endpoints: { id: string; name: string }[];
  contractChanges: ContractChange[];
}

/** What promoting `target` on the deployment would do, for the confirmation the user sees first. */
export async function previewPromote(db: Db, blobs: BlobStore, projectId: string, deploymentId: string, target: PromoteTarget): Promise<PromotePreview> {
  const deployment = await requireDeployment(db, projectId, deploymentId);
  const signature = await targetSignature(db, blobs, projectId, deployment, target);
  const endpoints = await switchedEndpoints(db, deployment);
  const alias =
    deployment.servedAlias !== null && deployment.registeredModel ? { modelName: deployment.registeredModel.name, name: deployment.servedAlias } : null;
  const changes = await contractChanges(
    db,
    endpoints.map((e) => e.id),
    signature,
  );
  return { alias, endpoints, contractChanges: changes };
}

/**
 * Serves `target` on the deployment. An endpoint that follows an alias moves the alias (so every
 * endpoint following it switches); a pinned one is pinned to the new version. Either way a model
 * whose inputs or outputs differ from the live one is refused unless `acceptContractChange`.
 */
export async function promoteDeployment(
  db: Db,
  blobs: BlobStore,
  input: { projectId: string; deploymentId: string; target: PromoteTarget; acceptContractChange: boolean; actor: RegistryActor },
): Promise<void> {
  const deployment = await requireDeployment(db, input.projectId, input.deploymentId);
  const { target } = input;
  if ("artifactId" in target && deployment.registeredModel === null) {
    // An endpoint from before the registry: serve the artifact directly, as it always did.
    const { model } = await readDeployableModel(db, blobs, input.projectId, target.artifactId);
    refuseUnconfirmedContractChanges(await contractChanges(db, [deployment.id], signatureOf(model)), input.acceptContractChange);
    const version = await createModelVersion(db, blobs, { projectId: input.projectId, deploymentId: deployment.id, artifactId: target.artifactId });
    await switchServedVersion(db, deployment.id, version.id);
    return;
  }
  if ("artifactId" in target) {
    const signature = signatureOf((await readDeployableModel(db, blobs, input.projectId, target.artifactId)).model);
    // Refuse before registering, so a refused promote leaves the registry as it was.
    refuseUnconfirmedContractChanges(
      await contractChanges(
        db,
        (await switchedEndpoints(db, deployment)).map((e) => e.id),
        signature,
      ),
      input.acceptContractChange,
    );
  }
  const version =
    "registeredVersionId" in target
      ? await requirePromotableVersion(db, input.projectId, deployment, target.registeredVersionId)
      : (
          await registerModelVersion(db, blobs, {
            projectId: input.projectId,
            modelName: deployment.registeredModel!.name,
            artifactId: target.artifactId,
            actor: input.actor,
          })
        ).version;
  if (deployment.servedAlias !== null && deployment.registeredModelId !== null) {
    await moveAlias(db, blobs, {
      projectId: input.projectId,
      registeredModelId: deployment.registeredModelId,
      alias: deployment.servedAlias,
      versionId: version.id,
      actor: input.actor,
      reason: `Promoted on endpoint "${deployment.name}"`,
      acceptContractChange: input.acceptContractChange,
    });
    return;
  }
  refuseUnconfirmedContractChanges(await contractChanges(db, [deployment.id], parseSignature(version.signature)), input.acceptContractChange);
  const copy = await servedCopyOf(db, blobs, deployment, version);
  await db.deployment.update({ where: { id: deployment.id }, data: { registeredModelId: version.registeredModelId } });
  await switchServedVersion(db, deployment.id, copy.id);
}

/**
 * Serves one of the deployment's own earlier (or later) copies again: roll back, or activate a
 * version. It is checked like a promote. An endpoint that followed an alias is pinned from then
 * on: the alias still names another version, and moving it would switch other endpoints too.
 */
export async function serveOwnVersion(db: Db, input: { projectId: string; deploymentId: string; versionId: string; acceptContractChange: boolean }) {
  const deployment = await requireDeployment(db, input.projectId, input.deploymentId);
  const version = await db.modelVersion.findFirst({ where: { id: input.versionId, deploymentId: deployment.id } });
  if (!version) throw new DomainError("notFound", "Version not found in this deployment.");
  if (deployment.currentVersionId === version.id) return;
  refuseUnconfirmedContractChanges(await contractChanges(db, [deployment.id], parseSignature(version.signature)), input.acceptContractChange);
  if (deployment.servedAlias !== null) await db.deployment.update({ where: { id: deployment.id }, data: { servedAlias: null } });
  await switchServedVersion(db, deployment.id, version.id);
}
