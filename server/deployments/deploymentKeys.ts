import { issueSecret, prefixOf, secretMatches } from "../auth/secretToken";
import type { Db } from "../db";

/** Issues a new key for the deployment and revokes the old ones; the token is returned once and stored only hashed. */
export async function rotateDeploymentKey(db: Db, deploymentId: string): Promise<{ key: string; prefix: string }> {
  const secret = issueSecret("vjd");
  await db.$transaction([
    db.deploymentKey.updateMany({ where: { deploymentId, revokedAt: null }, data: { revokedAt: new Date() } }),
    db.deploymentKey.create({ data: { deploymentId, prefix: secret.prefix, keyHash: secret.hash } }),
  ]);
  return { key: secret.token, prefix: secret.prefix };
}

/** The id of the live key of `deploymentId` that `token` is, or null. */
export async function matchDeploymentKey(db: Db, deploymentId: string, token: string): Promise<string | null> {
  if (!token.startsWith("vjd_")) return null;
  const candidates = await db.deploymentKey.findMany({ where: { deploymentId, prefix: prefixOf(token), revokedAt: null } });
  return candidates.find((key) => secretMatches(token, key.keyHash))?.id ?? null;
}
