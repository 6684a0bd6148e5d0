import type PgBoss from "pg-boss";
import { z } from "zod";
import { ACTIVE_RUN_STATUSES, runStatusSchema, type RunStatus } from "@/contracts/runStatus";
import type { Db } from "../db";
import { TRIAL_PRIORITY } from "../queue/admission";
import { initialLeaseSeconds, renewJobLease } from "../queue/jobLease";
import type { QueueConfig } from "../queue/queueConfig";
import { nextDelivery } from "../queue/nextDelivery";
import { TRIAL_QUEUE } from "../queue/queueBoss";
import { announceQueuedWork } from "../queue/queuedWork";
import type { HeartbeatResult } from "../queue/runQueue";
import { sendInTransaction } from "../queue/sendInTransaction";

export interface ClaimedTrial {
  id: string;
  runId: string;
  jobId: string;
  task: string;
  splitKey: string;
  attempt: number;
}

export interface TrialState {
  status: RunStatus;
  score: number | null;
  modelKey: string | null;
  error: string | null;
}

export interface TrialRow {
  runId: string;
  nodeId: string;
  trialIndex: number;
  task: string;
  splitKey: string;
}

const trialJobSchema = z.object({ trialId: z.string().min(1) });

/**
 * Tuner trials of server runs on pg-boss: the TunerTrial row holds state and result, a job in the trials
 * queue delivers it to any worker, with a lease renewed while it trains (as runs, server/queue/runQueue.ts).
 * Only trials of runs that are still running are trained.
 */
export class TrialQueue {
  constructor(
    private readonly db: Db,
    private readonly boss: PgBoss,
    private readonly config: QueueConfig,
  ) {}

  async enqueue(trial: TrialRow): Promise<string> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.tunerTrial.create({ data: trial, select: { id: true } });
      await sendInTransaction(
        tx,
        this.boss,
        TRIAL_QUEUE,
        { trialId: row.id },
        { priority: TRIAL_PRIORITY, retryLimit: this.config.maxAttempts, retryDelay: 0, expireInSeconds: initialLeaseSeconds(this.config.leaseMs) },
      );
      await announceQueuedWork(tx);
      return row.id;
    });
  }

  /** Takes the next trial job for `workerId`, or null when there is none; jobs of finished trials or runs are dropped on the way. */
  async claim(workerId: string): Promise<ClaimedTrial | null> {
    for (;;) {
      const delivery = await nextDelivery(this.boss, TRIAL_QUEUE, trialJobSchema);
      if (!delivery) return null;
      const { jobId, attempt } = delivery;
      const id = delivery.data.trialId;
      if (attempt > this.config.maxAttempts) {
        await this.db.tunerTrial.updateMany({
          where: { id, status: { in: [...ACTIVE_RUN_STATUSES] } },
          data: {
            status: "failed",
            finishedAt: new Date(),
            error: `Gave up after ${attempt - 1} attempts: each time, the worker training it stopped responding before finishing.`,
          },
        });
        await this.boss.complete(TRIAL_QUEUE, jobId);
        continue;
      }
      // A redelivery (the previous worker's lease ran out) may take the trial over from it.
      const [taken] = await this.db.$queryRaw<{ runId: string; task: string; splitKey: string }[]>`
        UPDATE "TunerTrial" AS t SET "status" = 'running', "workerId" = ${workerId}, "attempts" = ${attempt}
        FROM "Run" AS r
        WHERE t."id" = ${id} AND r."id" = t."runId" AND r."status" = 'running'
          AND (t."status" = 'queued' OR (t."status" = 'running' AND t."attempts" < ${attempt}))
        RETURNING t."runId", t."task", t."splitKey"`;
      if (!taken) {
        await this.boss.complete(TRIAL_QUEUE, jobId);
        continue;
      }
      return { id, jobId, attempt, ...taken };
    }
  }

  async heartbeat(claimed: ClaimedTrial, workerId: string): Promise<HeartbeatResult> {
    const trial = await this.db.tunerTrial.findUnique({ where: { id: claimed.id }, select: { status: true, workerId: true } });
    if (trial?.status === "cancelled") return "cancelled";
    if (trial?.workerId !== workerId || trial.status !== "running") return "lost";
    return (await renewJobLease(this.db, TRIAL_QUEUE, claimed.jobId, this.config.leaseMs)) ? "ok" : "lost";
  }

  /** Records the outcome and closes the job; false when this worker no longer holds the trial. */
  async finish(claimed: ClaimedTrial, workerId: string, outcome: { score: number; modelKey: string } | { error: string }): Promise<boolean> {
    const { count } = await this.db.tunerTrial.updateMany({
      where: { id: claimed.id, workerId, status: "running" },
      data: {
        finishedAt: new Date(),
        ...("error" in outcome ? { status: "failed", error: outcome.error } : { status: "succeeded", score: outcome.score, modelKey: outcome.modelKey }),
      },
    });
    // Written: still ours. Not written: cancelled (still ours) or, after a lapsed lease, another worker's delivery now.
    const mine = count === 1 || (await this.db.tunerTrial.findUnique({ where: { id: claimed.id }, select: { workerId: true } }))?.workerId === workerId;
    if (mine) await this.boss.complete(TRIAL_QUEUE, claimed.jobId);
    return count === 1;
  }

  /** A trial with the same task on the same split that an earlier attempt of the run already finished. */
  async findSucceeded(trial: TrialRow): Promise<string | null> {
    const row = await this.db.tunerTrial.findFirst({ where: { ...trial, status: "succeeded" }, select: { id: true } });
    return row?.id ?? null;
  }

  async state(id: string): Promise<TrialState> {
    const row = await this.db.tunerTrial.findUniqueOrThrow({ where: { id }, select: { status: true, score: true, modelKey: true, error: true } });
    return { ...row, status: runStatusSchema.parse(row.status) };
  }
}

/**
 * Stops one trial, or every unfinished trial of a run (a cancel, or a new attempt of the run, which starts
 * its tuners afresh). Their jobs are dropped when a worker next fetches them; workers training them stop
 * at their next heartbeat.
 */
export async function cancelUnfinishedTrials(db: Db, where: { id: string } | { runId: string }): Promise<void> {
  await db.tunerTrial.updateMany({
    where: { ...where, status: { in: [...ACTIVE_RUN_STATUSES] } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
}
