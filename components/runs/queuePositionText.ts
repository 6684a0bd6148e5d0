/** Where a queued server run stands, as run.list reports it. */
export interface RunQueuePosition {
  phase: "project" | "worker";
  position: number;
}

/**
 * The position in words. "project": the project's cap of concurrent server runs is reached and the run
 * waits for one of its slots; "worker": admitted, waiting for any free worker (runs of every project count).
 */
export function queuePositionText(queue: RunQueuePosition): string {
  return queue.phase === "project" ? `#${queue.position} in this project's queue` : `#${queue.position} waiting for a worker`;
}
