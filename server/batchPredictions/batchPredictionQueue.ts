import type PgBoss from "pg-boss";
import { z } from "zod";
import { BATCH_PREDICTION_QUEUE } from "@/scripts/jobQueues.mjs";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db";
import { redactServerPaths } from "../errors/redactPaths";
import { initialLeaseSeconds, renewJobLease } from "../queue/jobLease";
import { nextDelivery } from "../queue/nextDelivery";
import type { QueueConfig } from "../queue/queueConfig";
import { announceQueuedWork } from "../queue/queuedWork";
import type { HeartbeatResult } from "../queue/runQueue";
import { sendInTransaction } from "../queue/sendInTransaction";

export interface ClaimedBatch {
  id: string;
  jobId: string;
  attempt: number;
}

const batchJobSchema = z.object({ batchId: z.string().min(1) });

/**
 * Batch predictions on pg-boss, as runs and trials are (server/queue/runQueue.ts): the BatchPrediction
 * row holds status and progress (the UI, cancel and downloads read it), the job delivers it to a worker
 * with a lease renewed while it scores. A redelivery after a worker died scores the input again from the
 * start: the output is the same file either way.
 */
export class BatchPredictionQueue {
  constructor(
    private readonly db: Db,
    private readonly boss: PgBoss,
    private readonly config: QueueConfig,
  ) {}

  /** Creates the row and its job in one transaction, so a job never names a missing row nor a row lacks its job. */
  async enqueue(data: Prisma.BatchPredictionUncheckedCreateInput): Promise<string> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.batchPrediction.create({ data: { ...data, status: "queued" }, select: { id: true } });
      await sendInTransaction(
        tx,
        this.boss,
        BATCH_PREDICTION_QUEUE,
        { batchId: row.id },
        { retryLimit: this.config.maxAttempts, retryDelay: 0, expireInSeconds: initialLeaseSeconds(this.config.leaseMs) },
      );
      await announceQueuedWork(tx);
      return row.id;
    });
  }

  /** Takes the next batch job, or null when there is none; jobs of cancelled or finished batches are dropped on the way. */
  async claim(): Promise<ClaimedBatch | null> {
    for (;;) {
      const delivery = await nextDelivery(this.boss, BATCH_PREDICTION_QUEUE, batchJobSchema);
      if (!delivery) return null;
      const { jobId, attempt } = delivery;
      const id = delivery.data.batchId;
      if (attempt > this.config.maxAttempts) {
        await this.db.batchPrediction.updateMany({
          where: { id, status: { in: ["queued", "running"] } },
          data: {
            status: "failed",
            finishedAt: new Date(),
            error: `Gave up after ${attempt - 1} attempts: each time, the worker scoring it stopped responding.`,
          },
        });
        await this.boss.complete(BATCH_PREDICTION_QUEUE, jobId);
        continue;
      }
      // A first delivery takes a queued batch; a redelivery (the previous worker's lease ran out) also a running one.
      const { count } = await this.db.batchPrediction.updateMany({
        where: { id, status: { in: attempt > 1 ? ["queued", "running"] : ["queued"] } },
        data: { status: "running", startedAt: new Date(), rowsDone: 0 },
      });
      if (count === 0) {
        await this.boss.complete(BATCH_PREDICTION_QUEUE, jobId);
        continue;
      }
      return { id, jobId, attempt };
    }
  }

  /** Renews the lease; "cancelled" (someone cancelled it) or "lost" (the lease lapsed) mean stop scoring. */
  async heartbeat(claimed: ClaimedBatch): Promise<HeartbeatResult> {
    const row = await this.db.batchPrediction.findUnique({ where: { id: claimed.id }, select: { status: true } });
    if (row?.status !== "running") return "cancelled";
    return (await renewJobLease(this.db, BATCH_PREDICTION_QUEUE, claimed.jobId, this.config.leaseMs)) ? "ok" : "lost";
  }

  /** Records rows scored so far; false when the batch is no longer running (cancelled meanwhile). */
  async progress(claimed: ClaimedBatch, rowsDone: number): Promise<boolean> {
    const { count } = await this.db.batchPrediction.updateMany({ where: { id: claimed.id, status: "running" }, data: { rowsDone } });
    return count === 1;
  }

  /** Records the outcome (unless cancelled meanwhile) and closes the job. */
  async finish(claimed: ClaimedBatch, outcome: { outputStorageKey: string; rowsDone: number } | { error: string }): Promise<boolean> {
    const { count } = await this.db.batchPrediction.updateMany({
      where: { id: claimed.id, status: "running" },
      data: {
        finishedAt: new Date(),
        ...("error" in outcome
          ? // Shown to every project member: never server paths.
            { status: "failed", error: redactServerPaths(outcome.error) }
          : { status: "succeeded", outputStorageKey: outcome.outputStorageKey, rowsDone: outcome.rowsDone }),
      },
    });
    await this.boss.complete(BATCH_PREDICTION_QUEUE, claimed.jobId);
    return count === 1;
  }

  /** Gives the batch back for another worker (this one is shutting down): queued again, its job failed so pg-boss redelivers it. */
  async release(claimed: ClaimedBatch): Promise<void> {
    await this.db.batchPrediction.updateMany({ where: { id: claimed.id, status: "running" }, data: { status: "queued", rowsDone: 0 } });
    await this.boss.fail(BATCH_PREDICTION_QUEUE, claimed.jobId, { message: "worker shut down" });
  }
}
