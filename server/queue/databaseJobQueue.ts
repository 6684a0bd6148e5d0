import type { Db } from "../db";
import { redactServerPaths } from "../errors/redactPaths";
import type { ClaimedRun, HeartbeatResult, JobQueue, RunOutcome } from "./jobQueue";

export const DEFAULT_MAX_ATTEMPTS = 3;

/** How many candidates one claim looks at before deciding other workers are winning every race. */
const CLAIM_TRIES = 5;

/**
 * The Run table as a queue (see JobQueue). Every state change is a single
 * conditional UPDATE whose WHERE re-checks what was read, so concurrent workers
 * and a concurrent cancel cannot both win.
 */
export class DatabaseJobQueue implements JobQueue {
  constructor(
    private readonly db: Db,
    private readonly options: { maxAttempts?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private get maxAttempts(): number {
    return this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  async enqueue(runId: string): Promise<void> {
    // The row is the job: a run created as queued is already visible, and a polling worker may have
    // claimed it (or it was cancelled) by now. This only checks it is a server run.
    const run = await this.db.run.findUnique({ where: { id: runId }, select: { target: true } });
    if (run?.target !== "server") throw new Error(`Run ${runId} is not a server run`);
  }

  async claim(workerId: string, leaseMs: number): Promise<ClaimedRun | null> {
    for (let attempt = 0; attempt < CLAIM_TRIES; attempt++) {
      const now = this.now();
      const candidate = await this.db.run.findFirst({
        where: { target: "server", OR: [{ status: "queued" }, { status: "running", leaseExpiresAt: { lt: now } }] },
        orderBy: { createdAt: "asc" },
        select: { id: true, status: true, attempts: true, startedAt: true },
      });
      if (!candidate) return null;
      const unchanged = { id: candidate.id, status: candidate.status, attempts: candidate.attempts };
      if (candidate.attempts >= this.maxAttempts) {
        await this.db.run.updateMany({
          where: unchanged,
          data: {
            status: "failed",
            finishedAt: now,
            workerId: null,
            leaseExpiresAt: null,
            error: JSON.stringify({
              message: `Gave up after ${candidate.attempts} attempts: each time, the worker running it stopped responding (crashed or was killed) before finishing.`,
            }),
          },
        });
        continue;
      }
      const leaseExpiresAt = new Date(now.getTime() + leaseMs);
      const { count } = await this.db.run.updateMany({
        where: unchanged,
        data: { status: "running", workerId, leaseExpiresAt, attempts: { increment: 1 }, startedAt: candidate.startedAt ?? now },
      });
      if (count === 1) return { runId: candidate.id, attempt: candidate.attempts + 1, leaseExpiresAt };
    }
    return null;
  }

  async heartbeat(runId: string, workerId: string, leaseMs: number): Promise<HeartbeatResult> {
    const { count } = await this.db.run.updateMany({
      where: { id: runId, workerId, status: "running" },
      data: { leaseExpiresAt: new Date(this.now().getTime() + leaseMs) },
    });
    if (count === 1) return "ok";
    const run = await this.db.run.findUnique({ where: { id: runId }, select: { status: true } });
    return run?.status === "cancelled" ? "cancelled" : "lost";
  }

  async complete(runId: string, workerId: string, outcome: RunOutcome): Promise<boolean> {
    const { count } = await this.db.run.updateMany({
      where: { id: runId, workerId, status: "running" },
      data: {
        status: outcome.status,
        finishedAt: this.now(),
        leaseExpiresAt: null,
        // Shown to every project member: a crash's message must not carry server paths or stack frames.
        error: outcome.error ? JSON.stringify({ ...outcome.error, message: redactServerPaths(outcome.error.message) }) : null,
        ...(outcome.backend ? { backend: outcome.backend } : {}),
      },
    });
    return count === 1;
  }

  fail(runId: string, workerId: string, error: { nodeId?: string; message: string }): Promise<boolean> {
    return this.complete(runId, workerId, { status: "failed", error });
  }

  async release(runId: string, workerId: string): Promise<boolean> {
    const { count } = await this.db.run.updateMany({
      where: { id: runId, workerId, status: "running" },
      data: { status: "queued", workerId: null, leaseExpiresAt: null, attempts: { decrement: 1 } },
    });
    return count === 1;
  }
}
