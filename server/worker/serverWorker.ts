import type { ExpressionSandbox } from "@/pipeline/ml/labeling/expression-sandbox";
import type { BlobStore } from "@/server/artifacts/blobStore";
import type { BatchPredictionQueue } from "@/server/batchPredictions/batchPredictionQueue";
import { scoreNextBatch } from "@/server/batchPredictions/executeBatchPrediction";
import type { Db } from "@/server/db";
import { withLeaseHeartbeat } from "@/server/queue/leaseHeartbeat";
import type { RunQueue } from "@/server/queue/runQueue";
import { executeRun } from "@/server/runs/executeRun";
import { executeTrial } from "@/server/tuning/executeTrial";
import type { TrialQueue } from "@/server/tuning/trialQueue";
import { ProcessSandbox } from "@/workers/node/processSandbox";

export interface ServerWorkerOptions {
  db: Db;
  runs: RunQueue;
  trials: TrialQueue;
  batches: BatchPredictionQueue;
  blobs: BlobStore;
  workerId: string;
  leaseMs: number;
  pollMs: number;
  backend?: string;
  log?: (message: string) => void;
  /** Calls `wake` whenever work is queued anywhere (returns the unsubscribe); without it an idle worker only polls. */
  onQueuedWork?: (wake: () => void) => Promise<() => void>;
}

/** Every this many idle polls the worker admits waiting runs of every project (a safety net; admission normally follows each start and finish). */
const ADMISSION_SWEEP_EVERY = 10;

/**
 * Claims server runs and tuner trials one at a time from the job queue and executes them. While one
 * executes, its lease is renewed every third of its length; a renewal that finds it cancelled aborts
 * it (the runner stops at the next node or epoch), and one that finds it taken over by another worker
 * abandons it without writing an outcome.
 */
export class ServerWorker {
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Work was announced while this worker was busy or between polls: look again before waiting. */
  private workQueued = false;
  /** Aborts the run or trial in progress. */
  private current: AbortController | null = null;
  /** The Node implementation of the engine's sandbox port: each call in its own QuickJS process. */
  private readonly sandbox: ExpressionSandbox = new ProcessSandbox();

  constructor(private readonly options: ServerWorkerOptions) {}

  /**
   * Trains one queued tuner trial or, when there is none, claims and executes one run, or else scores
   * one batch prediction; false when all three queues were empty. Trials come first: a run is already waiting on them.
   */
  async runOnce(): Promise<boolean> {
    return (await this.trainOneTrial()) || (await this.executeOneRun()) || (await this.scoreOneBatch());
  }

  private async scoreOneBatch(): Promise<boolean> {
    const controller = new AbortController();
    this.current = controller;
    try {
      const { db, blobs, batches, leaseMs } = this.options;
      return await scoreNextBatch({ db, blobs, batches, leaseMs, log: (message) => this.log(message) }, controller.signal);
    } finally {
      this.current = null;
    }
  }

  private async trainOneTrial(): Promise<boolean> {
    const { workerId, leaseMs, blobs, trials } = this.options;
    const claimed = await trials.claim(workerId);
    if (!claimed) return false;
    const controller = new AbortController();
    this.current = controller;
    try {
      this.log(`trial ${claimed.id} of run ${claimed.runId}: attempt ${claimed.attempt}`);
      await executeTrial({ blobs, trials, workerId, leaseMs, log: (message) => this.log(message) }, claimed, controller.signal);
    } finally {
      this.current = null;
    }
    return true;
  }

  private async executeOneRun(): Promise<boolean> {
    const { runs, workerId, leaseMs } = this.options;
    const claimed = await runs.claim(workerId);
    if (!claimed) return false;
    const controller = new AbortController();
    this.current = controller;
    try {
      this.log(`run ${claimed.runId}: attempt ${claimed.attempt}`);
      const { settled, lost } = await withLeaseHeartbeat(
        leaseMs,
        () => runs.heartbeat(claimed, workerId),
        (signal) => executeRun({ ...this.options, sandbox: this.sandbox, log: (message) => this.log(message) }, claimed.runId, signal),
        { outer: controller.signal, onError: (error) => this.log(`heartbeat for ${claimed.runId} failed: ${String(error)}`) },
      );
      if (lost) {
        this.log(`run ${claimed.runId}: taken over by another worker`);
      } else if (settled.status === "rejected") {
        const message = settled.reason instanceof Error ? settled.reason.message : String(settled.reason);
        this.log(`run ${claimed.runId} crashed: ${message}`);
        await runs.fail(claimed, workerId, { message: `The worker failed: ${message}` });
      } else if (this.stopping && settled.value.status === "cancelled") {
        await runs.release(claimed, workerId);
        this.log(`run ${claimed.runId}: handed back`);
      } else {
        await runs.complete(claimed, workerId, settled.value);
        this.log(`run ${claimed.runId}: ${settled.value.status}`);
      }
    } finally {
      this.current = null;
    }
    return true;
  }

  /** Polls the queues until stop(), woken early when work is queued; a claimed run is executed before the next poll. */
  start(): void {
    this.loop ??= (async () => {
      const unsubscribe = await this.options
        .onQueuedWork?.(() => this.wakeUp())
        .catch((error: unknown) => {
          this.log(`listening for queued work failed (polling every ${this.options.pollMs} ms): ${String(error)}`);
          return undefined;
        });
      let idlePolls = 0;
      while (!this.stopping) {
        const worked = await this.runOnce().catch((error: unknown) => {
          this.log(`queue poll failed: ${String(error)}`);
          return false;
        });
        if (worked) continue;
        if (++idlePolls % ADMISSION_SWEEP_EVERY === 0) {
          await this.options.runs.admitWaiting().catch((error: unknown) => this.log(`admission sweep failed: ${String(error)}`));
        }
        if (!this.stopping && !this.workQueued) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            setTimeout(resolve, this.options.pollMs);
          });
          this.wake = null;
        }
        this.workQueued = false;
      }
      unsubscribe?.();
    })();
  }

  private wakeUp(): void {
    this.workQueued = true;
    this.wake?.();
  }

  /** Stops polling; a run in progress is interrupted and handed back to the queue for another worker. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.current?.abort(new Error("Worker shutting down"));
    this.wake?.();
    await this.loop;
  }

  private log(message: string): void {
    this.options.log?.(`[worker ${this.options.workerId}] ${message}`);
  }
}
