import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { contractChanges, refuseUnconfirmedContractChanges } from "../registry/contractCheck";
import { moveAlias } from "../registry/modelAliases";
import type { RegistryActor } from "../registry/registryActor";
import { signatureDifferences } from "../registry/signatureDifferences";
import { requireDeployment, requireRegisteredVersion } from "./deploymentLookups";
import { notifyEndpointChanged } from "./endpointChanges";
import { loadModelVersion } from "./modelCache";
import { parseSignature } from "./signature";
import { servedCopyOf, switchServedVersion } from "./switchVersion";

/** A canary takes at most half the traffic: above that it is the main version, and promoting is the honest step. */
export const MAX_CANARY_PERCENT = 50;

/** What to send traffic to: a registered version (served through this deployment's copy of it) or one of its own served versions. */
export type CanaryChoice = { registeredVersionId: string } | { modelVersionId: string };

/**
 * What an editor can canary: this deployment's earlier served versions, and the versions of the registered model
 * it serves, each with how its contract differs from the live version's (the start must confirm those).
 */
export async function canaryCandidates(db: Db, projectId: string, deploymentId: string) {
  const deployment = await requireDeployment(db, projectId, deploymentId);
  const served = await db.modelVersion.findMany({ where: { deploymentId }, orderBy: { number: "desc" } });
  const current = served.find((v) => v.id === deployment.currentVersionId);
  const live = current ? parseSignature(current.signature) : null;
  const differences = (signature: string) => (live ? signatureDifferences(live, parseSignature(signature)) : []);
  const registered = deployment.registeredModelId
    ? await db.registeredModelVersion.findMany({ where: { registeredModelId: deployment.registeredModelId }, orderBy: { number: "desc" } })
    : [];
  // A registered version already served here is offered once, as its served copy.
  const copied = new Set(served.map((v) => v.registeredVersionId).filter((id) => id !== null));
  return {
    served: served
      .filter((v) => v.id !== deployment.currentVersionId)
      .map((v) => ({ modelVersionId: v.id, number: v.number, createdAt: v.createdAt, contractDifferences: differences(v.signature) })),
    registered: registered
      .filter((v) => !copied.has(v.id))
      .map((v) => ({
        registeredVersionId: v.id,
        modelName: deployment.registeredModel?.name ?? "",
        number: v.number,
        createdAt: v.createdAt,
        contractDifferences: differences(v.signature),
      })),
  };
}

/**
 * Sends `percent`% of the deployment's requests to the chosen version. A version whose inputs or outputs differ
 * from the live one is refused unless the caller accepted that change. The model is loaded (and, for a registered
 * version, copied) before any request is routed to it. Changing the share of a running canary is a start with the
 * same version; a different version must wait until the running canary is promoted or aborted.
 */
export async function startCanary(
  db: Db,
  blobs: BlobStore,
  input: { projectId: string; deploymentId: string; choice: CanaryChoice; percent: number; acceptContractChange?: boolean },
) {
  if (!Number.isInteger(input.percent) || input.percent < 1 || input.percent > MAX_CANARY_PERCENT)
    throw new DomainError("invalid", `A canary takes 1 to ${MAX_CANARY_PERCENT}% of requests.`);
  const deployment = await requireDeployment(db, input.projectId, input.deploymentId);
  if (deployment.currentVersionId === null) throw new DomainError("conflict", "This deployment serves no version yet, so there is nothing to compare with.");
  let signature: string;
  let served: { id: string } | null = null;
  let registered: Awaited<ReturnType<typeof requireRegisteredVersion>> | null = null;
  if ("modelVersionId" in input.choice) {
    const version = await db.modelVersion.findFirst({ where: { id: input.choice.modelVersionId, deploymentId: deployment.id } });
    if (!version) throw new DomainError("notFound", "Version not found in this deployment.");
    signature = version.signature;
    served = version;
  } else {
    registered = await requireRegisteredVersion(db, input.projectId, input.choice.registeredVersionId);
    signature = registered.signature;
  }
  if (served?.id === deployment.currentVersionId) throw new DomainError("conflict", "That version already answers every request.");
  if (deployment.canaryVersionId !== null) {
    const running = await db.modelVersion.findUniqueOrThrow({ where: { id: deployment.canaryVersionId } });
    const same = served ? served.id === running.id : registered!.id === running.registeredVersionId;
    if (!same) throw new DomainError("conflict", `Another canary (v${running.number}) is running on this deployment. Promote or abort it first.`);
  }
  refuseUnconfirmedContractChanges(await contractChanges(db, [deployment.id], parseSignature(signature)), input.acceptContractChange ?? false);
  // Warm before routing: servedCopyOf loads a new copy; an existing one may have left this process's cache.
  const canary = served ?? (await servedCopyOf(db, blobs, deployment, registered!));
  if (canary.id === deployment.currentVersionId) throw new DomainError("conflict", "That version already answers every request.");
  await loadModelVersion(db, blobs, canary.id);
  // Conditional on what was read, so two starts at once cannot both win.
  const { count } = await db.deployment.updateMany({
    where: { id: deployment.id, currentVersionId: deployment.currentVersionId, canaryVersionId: deployment.canaryVersionId },
    data: { canaryVersionId: canary.id, canaryPercent: input.percent },
  });
  if (count === 0) throw new DomainError("conflict", "The deployment changed while the canary was being prepared. Try again.");
  await notifyEndpointChanged(db, deployment.id);
  return { canaryVersionId: canary.id, percent: input.percent };
}

/** Aborts the canary: every request goes to the current version again. Stopping when none runs does nothing. */
export async function stopCanary(db: Db, projectId: string, deploymentId: string) {
  const deployment = await requireDeployment(db, projectId, deploymentId);
  if (deployment.canaryVersionId === null) return;
  await db.deployment.update({ where: { id: deployment.id }, data: { canaryVersionId: null, canaryPercent: 0 } });
  await notifyEndpointChanged(db, deployment.id);
}

/**
 * Makes the canary the current version (the replaced one becomes "previous", for rollback) and clears the canary.
 *
 * A deployment that follows an alias keeps following it: the registry stays the truth about what an alias serves,
 * so promoting a canary of the same registered model moves the alias to the canary's registered version, and every
 * endpoint following that alias switches with it (moveAlias checks their contracts too). A canary that is not a
 * version of the followed model cannot be promoted there without silently unpinning the endpoint, so it is refused.
 */
export async function promoteCanary(
  db: Db,
  blobs: BlobStore,
  input: { projectId: string; deploymentId: string; actor: RegistryActor; acceptContractChange?: boolean },
) {
  const deployment = await requireDeployment(db, input.projectId, input.deploymentId);
  if (deployment.canaryVersionId === null) throw new DomainError("conflict", "No canary is running on this deployment.");
  const canary = await db.modelVersion.findUniqueOrThrow({ where: { id: deployment.canaryVersionId } });
  const followed = await aliasMoveOnPromotion(db, deployment, canary);
  if (followed !== null && "refused" in followed) throw new DomainError("conflict", followed.refused);
  if (followed) {
    await moveAlias(db, blobs, {
      projectId: input.projectId,
      registeredModelId: followed.registeredModelId,
      alias: followed.alias,
      versionId: followed.registeredVersionId,
      actor: input.actor,
      reason: `Promoted the canary of endpoint "${deployment.name}".`,
      acceptContractChange: input.acceptContractChange,
    });
  }
  // moveAlias switched this endpoint already when it follows the alias; switching again is then a no-op.
  await switchServedVersion(db, deployment.id, canary.id);
  await db.deployment.update({ where: { id: deployment.id }, data: { canaryVersionId: null, canaryPercent: 0 } });
  await notifyEndpointChanged(db, deployment.id);
  return { currentVersionId: canary.id, number: canary.number, movedAlias: followed ? followed.alias : null };
}

/** What promoting does to an alias the deployment follows: moves it to the canary's registered version, nothing (pinned), or is refused. */
export async function aliasMoveOnPromotion(
  db: Db,
  deployment: { servedAlias: string | null; registeredModelId: string | null; registeredModel: { name: string } | null },
  canary: { number: number; registeredVersionId: string | null },
): Promise<{ alias: string; modelName: string; registeredModelId: string; registeredVersionId: string } | { refused: string } | null> {
  if (deployment.servedAlias === null || deployment.registeredModelId === null) return null;
  const registered =
    canary.registeredVersionId === null
      ? null
      : await db.registeredModelVersion.findUnique({ where: { id: canary.registeredVersionId }, select: { id: true, registeredModelId: true } });
  const modelName = deployment.registeredModel?.name ?? "";
  if (registered?.registeredModelId !== deployment.registeredModelId)
    return {
      refused:
        `This endpoint follows alias "${deployment.servedAlias}" of "${modelName}", and v${canary.number} is not a version of that model, ` +
        "so promoting it would silently stop following the alias. Abort the canary, or canary a version of the followed model.",
    };
  return { alias: deployment.servedAlias, modelName, registeredModelId: deployment.registeredModelId, registeredVersionId: registered.id };
}
