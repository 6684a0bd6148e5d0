import type { RunEvent } from "./events";

/**
 * A finished step's metrics, as stored wherever it ran: its last epoch's loss and metrics, overridden by
 * metrics the node reported by name. Non-finite values (NaN marks an undefined metric) have no JSON form and are left out.
 */
export function stepMetrics(lastEpoch: Extract<RunEvent, { type: "epoch" }> | undefined, reported: Record<string, number>): Record<string, number> {
  const epoch: Record<string, number> = lastEpoch
    ? { epoch: lastEpoch.epoch, ...(lastEpoch.loss === undefined ? {} : { loss: lastEpoch.loss }), ...lastEpoch.metrics }
    : {};
  return Object.fromEntries(Object.entries({ ...epoch, ...reported }).filter(([, v]) => Number.isFinite(v)));
}
