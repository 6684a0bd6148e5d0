import type { Deployment } from "../../generated/prisma/client";

/**
 * The version that answers one request: the canary for `canaryPercent`% of requests, chosen uniformly at
 * random per request, the current version otherwise. Not sticky on purpose: predictions are stateless, so a
 * client that sees both versions loses nothing, and a per-request draw gives each version an unbiased sample
 * of the traffic (stickiness by key would let one heavy client skew a small canary). It reads only the cached
 * deployment row, so a canary costs the hot path one random number.
 */
export function servedVersionFor(
  currentVersionId: string,
  canary: Pick<Deployment, "canaryVersionId" | "canaryPercent">,
  random: () => number = Math.random,
): string {
  if (canary.canaryVersionId === null || canary.canaryPercent <= 0) return currentVersionId;
  return random() * 100 < canary.canaryPercent ? canary.canaryVersionId : currentVersionId;
}
