import type { Db } from "../db";
import { DomainError } from "../errors/domainError";

/** A deployment of this project with the registered model it serves (null for an endpoint from before the registry); notFound otherwise. */
export async function requireDeployment(db: Db, projectId: string, deploymentId: string) {
  const deployment = await db.deployment.findFirst({
    where: { id: deploymentId, projectId },
    include: { registeredModel: { select: { id: true, name: true } } },
  });
  if (!deployment) throw new DomainError("notFound", "Deployment not found in this project.");
  return deployment;
}

/** A registered version of one of this project's models, with its model; notFound otherwise. */
export async function requireRegisteredVersion(db: Db, projectId: string, registeredVersionId: string) {
  const version = await db.registeredModelVersion.findFirst({
    where: { id: registeredVersionId, registeredModel: { projectId } },
    include: { registeredModel: true },
  });
  if (!version) throw new DomainError("notFound", "Model version not found in this project.");
  return version;
}
