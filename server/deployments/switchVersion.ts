import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { notifyEndpointChanged } from "./endpointChanges";
import { createModelVersion } from "./modelVersions";

/** Makes `versionId` current and remembers the one it replaces, in one update so requests see one or the other. */
export async function switchServedVersion(db: Db, deploymentId: string, versionId: string): Promise<void> {
  const deployment = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { currentVersionId: true } });
  if (deployment.currentVersionId === versionId) return;
  await db.deployment.update({ where: { id: deploymentId }, data: { currentVersionId: versionId, previousVersionId: deployment.currentVersionId } });
  await notifyEndpointChanged(db, deploymentId);
}

/**
 * The deployment's served copy of a registered version, made (and warmed) the first time:
 * moving an alias back and forth reuses copies instead of numbering new ones.
 */
export async function servedCopyOf(db: Db, blobs: BlobStore, deployment: { id: string; projectId: string }, registered: { id: string; artifactId: string }) {
  const existing = await db.modelVersion.findFirst({ where: { deploymentId: deployment.id, registeredVersionId: registered.id } });
  if (existing) return existing;
  return createModelVersion(db, blobs, {
    projectId: deployment.projectId,
    deploymentId: deployment.id,
    artifactId: registered.artifactId,
    registeredVersionId: registered.id,
  });
}
