import type { FinishedRunStatus } from "@/contracts/runStatus";

/**
 * The durable queue of server runs. A worker claims a run with a lease, renews the
 * lease while it works (heartbeat), and completes it; a run whose lease lapses
 * (its worker died) can be claimed again, up to a maximum number of attempts.
 *
 * Two engines fit this interface:
 * - `DatabaseJobQueue` (the embedded default): the Run table is the queue. Claims
 *   are compare-and-swap UPDATEs on (status, attempts), so any number of workers
 *   on one database never claim the same run twice.
 * - pg-boss (for PostgreSQL scale-out), not installed yet: `enqueue` =
 *   `boss.send("runs", { runId }, { retryLimit: maxAttempts - 1, expireInSeconds: lease })`;
 *   `claim` = `boss.fetch("runs")` (SKIP LOCKED under the hood) then mark the Run
 *   row running; `heartbeat` = `boss.touch(jobId)` (pg-boss ≥ 10) or a short
 *   `expireInSeconds` with re-send; `complete` = `boss.complete(jobId)`; `fail` =
 *   `boss.fail(jobId, error)` (pg-boss retries it); `release` = `boss.fail` with
 *   the retry not counted. The Run row stays the source of truth for status, so
 *   cancel and the UI work the same with either engine.
 */
export interface ClaimedRun {
  runId: string;
  /** 1 for the first claim; a re-claim after a lapsed lease counts up. */
  attempt: number;
  leaseExpiresAt: Date;
}

export type HeartbeatResult = "ok" | "cancelled" | "lost";

export interface RunOutcome {
  status: FinishedRunStatus;
  error?: { nodeId?: string; message: string };
  backend?: string;
}

export interface JobQueue {
  /** Makes a queued run visible to workers. */
  enqueue(runId: string): Promise<void>;
  /** Takes the oldest claimable run for `workerId`, or null when there is none. */
  claim(workerId: string, leaseMs: number): Promise<ClaimedRun | null>;
  /** Extends the lease; "cancelled" or "lost" (another worker re-claimed it) mean stop working on it. */
  heartbeat(runId: string, workerId: string, leaseMs: number): Promise<HeartbeatResult>;
  /** Records the outcome; false when this worker no longer holds the run (it was cancelled or re-claimed). */
  complete(runId: string, workerId: string, outcome: RunOutcome): Promise<boolean>;
  fail(runId: string, workerId: string, error: { nodeId?: string; message: string }): Promise<boolean>;
  /** Gives the run back without counting the attempt (graceful shutdown). */
  release(runId: string, workerId: string): Promise<boolean>;
}
