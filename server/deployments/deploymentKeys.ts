import { issueSecret } from "../auth/secretToken";
import type { Db } from "../db";
import { notifyEndpointChanged } from "./endpointChanges";

/** Issues a new key for the deployment and revokes the old ones; the token is returned once and stored only hashed. */
export async function rotateDeploymentKey(db: Db, deploymentId: string): Promise<{ key: string; prefix: string }> {
  const secret = issueSecret("vjd");
  await db.$transaction([
    db.deploymentKey.updateMany({ where: { deploymentId, revokedAt: null }, data: { revokedAt: new Date() } }),
    db.deploymentKey.create({ data: { deploymentId, prefix: secret.prefix, keyHash: secret.hash } }),
  ]);
  await notifyEndpointChanged(db, deploymentId);
  return { key: secret.token, prefix: secret.prefix };
}
