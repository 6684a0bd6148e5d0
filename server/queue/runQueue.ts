import type PgBoss from "pg-boss";
import { z } from "zod";
import type { FinishedRunStatus } from "@/contracts/runStatus";
import type { Db } from "../db";
import { redactServerPaths } from "../errors/redactPaths";
import { notifyRunChanged } from "../runs/runChanges";
import { admitAllWaiting, admitRuns } from "./admission";
import { renewJobLease } from "./jobLease";
import { nextDelivery } from "./nextDelivery";
import type { QueueConfig } from "./queueConfig";
import { RUN_QUEUE } from "./queueBoss";

export interface ClaimedRun {
  runId: string;
  projectId: string;
  jobId: string;
  /** 1 for the first delivery; a redelivery after a worker died counts up. */
  attempt: number;
}

export type HeartbeatResult = "ok" | "cancelled" | "lost";

export interface RunOutcome {
  status: FinishedRunStatus;
  error?: { nodeId?: string; message: string };
  backend?: string;
}

const runJobSchema = z.object({ runId: z.string().min(1) });

const retryLogSchema = z.array(z.object({ attempt: z.number().int(), workerId: z.string().nullable(), reason: z.string(), at: z.string() }));
export type RetryLog = z.infer<typeof retryLogSchema>;

export function parseRetryLog(json: string): RetryLog {
  const parsed = retryLogSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

/**
 * Server runs on pg-boss, as a worker sees them. The Run row stays the source of truth for status (the
 * UI, cancel and the outcome read it); the pg-boss job is the delivery and the lease. Every write to the
 * row re-checks that this worker still holds the run, so a worker whose lease lapsed (and whose job went
 * to another worker) cannot overwrite the other's outcome.
 */
export class RunQueue {
  constructor(
    private readonly db: Db,
    private readonly boss: PgBoss,
    private readonly config: QueueConfig,
  ) {}

  /** Hands the project's next waiting runs to workers, as far as its cap allows (see admission.ts). */
  admit(projectId: string): Promise<string[]> {
    return admitRuns(this.db, this.boss, this.config, projectId);
  }

  /** Admits every project's waiting runs: a periodic sweep after crashes or changed caps. */
  admitWaiting(): Promise<number> {
    return admitAllWaiting(this.db, this.boss, this.config);
  }

  /** Takes the next run job for `workerId`, or null when there is none. Jobs of cancelled or finished runs are dropped on the way. */
  async claim(workerId: string): Promise<ClaimedRun | null> {
    for (;;) {
      const delivery = await nextDelivery(this.boss, RUN_QUEUE, runJobSchema);
      if (!delivery) return null;
      const { jobId, attempt } = delivery;
      const { runId } = delivery.data;
      if (attempt > this.config.maxAttempts) {
        await this.giveUp(runId, jobId, attempt - 1);
        continue;
      }
      const [taken] = await this.db.$queryRaw<{ projectId: string; previousWorker: string | null; retryLog: string }[]>`
        UPDATE "Run" AS r SET "status" = 'running', "workerId" = ${workerId}, "attempts" = ${attempt}, "startedAt" = COALESCE(r."startedAt", now())
        FROM (SELECT "id", "workerId" FROM "Run" WHERE "id" = ${runId} FOR UPDATE) AS before
        WHERE r."id" = before."id" AND r."target" = 'server' AND r."status" IN ('queued', 'running')
        RETURNING r."projectId", before."workerId" AS "previousWorker", r."retryLog"`;
      if (!taken) {
        await this.boss.complete(RUN_QUEUE, jobId);
        continue;
      }
      await notifyRunChanged(this.db, runId);
      if (attempt > 1) {
        const reason = `The worker running attempt ${attempt - 1}${taken.previousWorker ? ` (${taken.previousWorker})` : ""} stopped responding: its lease ran out.`;
        await this.appendRetryLog(runId, taken.retryLog, { attempt: attempt - 1, workerId: taken.previousWorker, reason, at: new Date().toISOString() });
      }
      return { runId, projectId: taken.projectId, jobId, attempt };
    }
  }

  /** Renews the lease; "cancelled" or "lost" (the lease lapsed and the job went elsewhere) mean stop working on it. */
  async heartbeat(claimed: ClaimedRun, workerId: string): Promise<HeartbeatResult> {
    const run = await this.db.run.findUnique({ where: { id: claimed.runId }, select: { status: true, workerId: true } });
    if (run?.status === "cancelled") return "cancelled";
    if (run?.workerId !== workerId || run.status !== "running") return "lost";
    return (await renewJobLease(this.db, RUN_QUEUE, claimed.jobId, this.config.leaseMs)) ? "ok" : "lost";
  }

  /** Records the outcome and closes the job; false when this worker no longer holds the run (cancelled or taken over). */
  async complete(claimed: ClaimedRun, workerId: string, outcome: RunOutcome): Promise<boolean> {
    const { count } = await this.db.run.updateMany({
      where: { id: claimed.runId, workerId, status: "running" },
      data: {
        status: outcome.status,
        finishedAt: new Date(),
        // Shown to every project member: a crash's message must not carry server paths or stack frames.
        error: outcome.error ? JSON.stringify({ ...outcome.error, message: redactServerPaths(outcome.error.message) }) : null,
        ...(outcome.backend ? { backend: outcome.backend } : {}),
      },
    });
    if (count === 1) await notifyRunChanged(this.db, claimed.runId);
    await this.closeJobIfMine(claimed, workerId, count === 1);
    return count === 1;
  }

  /** A node failure or a crash of the run itself: recorded as failed, not retried (it would fail the same way). */
  fail(claimed: ClaimedRun, workerId: string, error: { nodeId?: string; message: string }): Promise<boolean> {
    return this.complete(claimed, workerId, { status: "failed", error });
  }

  /**
   * Gives the run back without counting the attempt (this worker is shutting down): its job is closed and
   * the run goes first in its project's queue, to be admitted again as a fresh job for another worker.
   */
  async release(claimed: ClaimedRun, workerId: string): Promise<boolean> {
    const run = await this.db.run.findUnique({ where: { id: claimed.runId }, select: { retryLog: true } });
    const { count } = await this.db.run.updateMany({
      where: { id: claimed.runId, workerId, status: "running" },
      data: { status: "queued", workerId: null, dispatchedAt: null, movedToFrontAt: new Date(), attempts: claimed.attempt - 1 },
    });
    if (count === 1 && run) {
      await notifyRunChanged(this.db, claimed.runId);
      const reason = "The worker running it shut down and handed it back.";
      await this.appendRetryLog(claimed.runId, run.retryLog, { attempt: claimed.attempt, workerId, reason, at: new Date().toISOString() });
      await this.boss.complete(RUN_QUEUE, claimed.jobId);
      await this.admit(claimed.projectId);
    }
    return count === 1;
  }

  /** `recorded`: this worker's outcome was just written, so the run is known to be its own without a re-read. */
  private async closeJobIfMine(claimed: ClaimedRun, workerId: string, recorded: boolean): Promise<void> {
    // Not recorded: cancelled (still ours, close it) or, after a lapsed lease, the same job id is another
    // worker's delivery now: leave it to them.
    const mine = recorded || (await this.db.run.findUnique({ where: { id: claimed.runId }, select: { workerId: true } }))?.workerId === workerId;
    if (mine) await this.boss.complete(RUN_QUEUE, claimed.jobId);
    await this.admit(claimed.projectId);
  }

  private async giveUp(runId: string, jobId: string, attempts: number): Promise<void> {
    const run = await this.db.run.findUnique({ where: { id: runId }, select: { projectId: true } });
    await this.db.run.updateMany({
      where: { id: runId, status: { in: ["queued", "running"] } },
      data: {
        status: "failed",
        finishedAt: new Date(),
        error: JSON.stringify({
          message: `Gave up after ${attempts} attempts: each time, the worker running it stopped responding (crashed or was killed) before finishing.`,
        }),
      },
    });
    await notifyRunChanged(this.db, runId);
    await this.boss.complete(RUN_QUEUE, jobId);
    if (run) await this.admit(run.projectId);
  }

  private async appendRetryLog(runId: string, json: string, entry: RetryLog[number]): Promise<void> {
    await this.db.run.update({ where: { id: runId }, data: { retryLog: JSON.stringify([...parseRetryLog(json), entry]) } });
  }
}
