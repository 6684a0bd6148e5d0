import { z } from "zod";
import type { Db } from "../db";
import { requireDeployment, requireRegisteredVersion } from "../deployments/deploymentLookups";
import { parseSignature, type ModelSignature } from "../deployments/signature";
import { DomainError } from "../errors/domainError";

/** Which model scores a batch: a registered version, or what a deployment serves now. */
export const batchModelRefSchema = z.union([
  z.object({ registeredVersionId: z.string().min(1).max(100) }),
  z.object({ deploymentId: z.string().min(1).max(100) }),
]);
export type BatchModelRef = z.infer<typeof batchModelRefSchema>;

export interface BatchModel {
  artifactId: string;
  signature: ModelSignature;
  registeredVersionId: string | null;
  deploymentId: string | null;
  /** For file names and lists, e.g. "churn v3". */
  label: string;
}

/** The model a batch refers to, checked to belong to the project (404 otherwise, as for any other project's row). */
export async function resolveBatchModel(db: Db, projectId: string, ref: BatchModelRef): Promise<BatchModel> {
  if ("registeredVersionId" in ref) {
    const version = await requireRegisteredVersion(db, projectId, ref.registeredVersionId);
    return {
      artifactId: version.artifactId,
      signature: parseSignature(version.signature),
      registeredVersionId: version.id,
      deploymentId: null,
      label: `${version.registeredModel.name} v${version.number}`,
    };
  }
  const deployment = await requireDeployment(db, projectId, ref.deploymentId);
  const current = deployment.currentVersionId
    ? await db.modelVersion.findUnique({
        where: { id: deployment.currentVersionId },
        select: { number: true, artifactId: true, signature: true, registeredVersionId: true },
      })
    : null;
  if (!current) throw new DomainError("conflict", "This deployment serves no model version yet.");
  return {
    artifactId: current.artifactId,
    signature: parseSignature(current.signature),
    registeredVersionId: current.registeredVersionId,
    deploymentId: deployment.id,
    label: `${deployment.name} v${current.number}`,
  };
}
