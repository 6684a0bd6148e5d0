import "server-only";
import { ChangeListener } from "../db/changeListener";
import type { Db } from "../db";
import { notify } from "../db/notify";
import { databaseListenUrl } from "../env";

/** The NOTIFY channel on which a deployment's id is announced whenever what its endpoint serves or accepts changes. */
export const ENDPOINT_CHANGES_CHANNEL = "vajra_endpoint";

/**
 * Tells every web process to forget its cached copy of the deployment (server/deployments/endpointCache.ts):
 * call after changing its status, version, limits, public flag or keys (after the commit: this process
 * forgets at once, so its next request reads the change).
 */
export async function notifyEndpointChanged(db: Pick<Db, "$executeRaw">, deploymentId: string): Promise<void> {
  await notify(db, ENDPOINT_CHANGES_CHANNEL, deploymentId);
  endpointChangeListener().deliver(deploymentId);
}

const globalForListener = globalThis as unknown as { vajraEndpointChangeListener?: ChangeListener };

/** This process's listener for endpoint changes, keyed by deployment id. */
export function endpointChangeListener(): ChangeListener {
  globalForListener.vajraEndpointChangeListener ??= new ChangeListener(databaseListenUrl, ENDPOINT_CHANGES_CHANNEL);
  return globalForListener.vajraEndpointChangeListener;
}
