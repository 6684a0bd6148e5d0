import type { BlobStore } from "@/server/artifacts/blobStore";
import type { Db } from "@/server/db";
import type { JobQueue } from "@/server/queue/jobQueue";
import { executeRun } from "@/server/runs/executeRun";

export interface ServerWorkerOptions {
  db: Db;
  queue: JobQueue;
  blobs: BlobStore;
  workerId: string;
  leaseMs: number;
  pollMs: number;
  backend?: string;
  log?: (message: string) => void;
}

/**
 * Claims server runs one at a time and executes them. While a run executes, the
 * lease is renewed every third of its length; a renewal that finds the run
 * cancelled aborts it (the runner stops at the next node or epoch), and one that
 * finds the run taken over by another worker abandons it without writing an outcome.
 */
export class ServerWorker {
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private current: { runId: string; controller: AbortController } | null = null;

  constructor(private readonly options: ServerWorkerOptions) {}

  /** Claims and executes one run; false when the queue was empty. */
  async runOnce(): Promise<boolean> {
    const { queue, workerId, leaseMs } = this.options;
    const claimed = await queue.claim(workerId, leaseMs);
    if (!claimed) return false;
    const controller = new AbortController();
    this.current = { runId: claimed.runId, controller };
    let lost = false;
    let beating = false;
    const heartbeat = setInterval(() => {
      if (beating) return;
      beating = true;
      queue
        .heartbeat(claimed.runId, workerId, leaseMs)
        .then((result) => {
          if (result === "ok") return;
          lost = result === "lost";
          controller.abort(new Error(result === "cancelled" ? "Run cancelled" : "Lease lost to another worker"));
        })
        .catch((error: unknown) => this.log(`heartbeat for ${claimed.runId} failed: ${String(error)}`))
        .finally(() => {
          beating = false;
        });
    }, Math.max(50, Math.floor(leaseMs / 3)));
    try {
      this.log(`run ${claimed.runId}: attempt ${claimed.attempt}`);
      const outcome = await executeRun(this.options, claimed.runId, controller.signal);
      if (this.stopping && outcome.status === "cancelled" && !lost) {
        await queue.release(claimed.runId, workerId);
      } else if (!lost) {
        await queue.complete(claimed.runId, workerId, outcome);
      }
      this.log(`run ${claimed.runId}: ${lost ? "taken over by another worker" : outcome.status}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`run ${claimed.runId} crashed: ${message}`);
      if (!lost) await queue.fail(claimed.runId, workerId, { message: `The worker failed: ${message}` });
    } finally {
      clearInterval(heartbeat);
      this.current = null;
    }
    return true;
  }

  /** Polls the queue until stop(); a claimed run is executed before the next poll. */
  start(): void {
    this.loop ??= (async () => {
      while (!this.stopping) {
        const worked = await this.runOnce().catch((error: unknown) => {
          this.log(`queue poll failed: ${String(error)}`);
          return false;
        });
        if (!worked && !this.stopping) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            setTimeout(resolve, this.options.pollMs);
          });
          this.wake = null;
        }
      }
    })();
  }

  /** Stops polling; a run in progress is interrupted and handed back to the queue for another worker. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.current?.controller.abort(new Error("Worker shutting down"));
    this.wake?.();
    await this.loop;
  }

  private log(message: string): void {
    this.options.log?.(`[worker ${this.options.workerId}] ${message}`);
  }
}
