import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { parseSignature, type ModelSignature } from "../deployments/signature";
import { signatureDifferences } from "./signatureDifferences";

export interface ContractChange {
  deploymentId: string;
  deploymentName: string;
  differences: string[];
}

/** For each deployment, how serving a model with `next` signature would change what its clients must send or expect. */
export async function contractChanges(db: Db, deploymentIds: string[], next: ModelSignature): Promise<ContractChange[]> {
  if (deploymentIds.length === 0) return [];
  const deployments = await db.deployment.findMany({ where: { id: { in: deploymentIds } }, select: { id: true, name: true, currentVersionId: true } });
  const liveIds = deployments.map((d) => d.currentVersionId).filter((id) => id !== null);
  const live = new Map((await db.modelVersion.findMany({ where: { id: { in: liveIds } }, select: { id: true, signature: true } })).map((v) => [v.id, v]));
  return deployments
    .map((d) => {
      const current = d.currentVersionId === null ? undefined : live.get(d.currentVersionId);
      return { deploymentId: d.id, deploymentName: d.name, differences: current ? signatureDifferences(parseSignature(current.signature), next) : [] };
    })
    .filter((change) => change.differences.length > 0);
}

/** Refuses a change of contract the user has not confirmed, naming every difference. */
export function refuseUnconfirmedContractChanges(changes: ContractChange[], confirmed: boolean): void {
  if (confirmed || changes.length === 0) return;
  const details = changes.map((c) => `"${c.deploymentName}" ${c.differences.join("; ")}`).join(". ");
  throw new DomainError(
    "conflict",
    `This model expects different inputs than the live one: ${details}. Confirm that the endpoint's contract changes to go ahead.`,
    {
      code: "CONTRACT_CHANGE",
    },
  );
}
