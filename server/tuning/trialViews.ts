import type { Db } from "../db";

/**
 * A server run's tuner trials as the run panel shows them while the search goes on:
 * which worker has each trial, how far it got, and its score. Trial params live in the
 * tuner's stored trials table once the node finishes.
 */
export async function runTrials(db: Db, runId: string) {
  const rows = await db.tunerTrial.findMany({
    where: { runId },
    orderBy: [{ nodeId: "asc" }, { trialIndex: "asc" }, { createdAt: "asc" }],
    select: { nodeId: true, trialIndex: true, status: true, score: true, workerId: true, attempts: true, error: true },
  });
  // A retried run re-queues trials under the same index after cancelling the old rows: show the latest of each.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(`${row.nodeId}\u0000${row.trialIndex}`, row);
  return [...latest.values()].map((row) => ({
    nodeId: row.nodeId,
    trial: row.trialIndex + 1,
    status: row.status,
    score: row.score,
    workerId: row.workerId,
    attempts: row.attempts,
    error: row.error,
  }));
}
