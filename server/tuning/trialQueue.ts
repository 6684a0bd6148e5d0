import { ACTIVE_RUN_STATUSES, runStatusSchema, type RunStatus } from "@/contracts/runStatus";
import type { Db } from "../db";
import type { HeartbeatResult } from "../queue/jobQueue";

export interface ClaimedTrial {
  id: string;
  runId: string;
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

const CLAIM_TRIES = 5;

/**
 * Tuner trials of server runs as a queue on the TunerTrial table, with the same rules
 * as the run queue (DatabaseJobQueue): a claim is a conditional UPDATE, a lease lapses
 * when its worker dies and the trial can be claimed again, up to `maxAttempts`. Only
 * trials of runs that are still running are handed out.
 */
export class TrialQueue {
  constructor(
    private readonly db: Db,
    private readonly options: { maxAttempts?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async enqueue(trial: { runId: string; nodeId: string; trialIndex: number; task: string; splitKey: string }): Promise<string> {
    const row = await this.db.tunerTrial.create({ data: trial, select: { id: true } });
    return row.id;
  }

  /** Claims the oldest claimable trial, or exactly `onlyId` when given. */
  async claim(workerId: string, leaseMs: number, onlyId?: string): Promise<ClaimedTrial | null> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 0; attempt < CLAIM_TRIES; attempt++) {
      const now = this.now();
      const candidate = await this.db.tunerTrial.findFirst({
        where: {
          ...(onlyId === undefined ? {} : { id: onlyId }),
          run: { status: "running" },
          OR: [{ status: "queued" }, { status: "running", leaseExpiresAt: { lt: now } }],
        },
        orderBy: [{ createdAt: "asc" }, { trialIndex: "asc" }],
        select: { id: true, runId: true, status: true, attempts: true, task: true, splitKey: true },
      });
      if (!candidate) return null;
      const unchanged = { id: candidate.id, status: candidate.status, attempts: candidate.attempts };
      if (candidate.attempts >= maxAttempts) {
        await this.db.tunerTrial.updateMany({
          where: unchanged,
          data: {
            status: "failed",
            finishedAt: now,
            workerId: null,
            leaseExpiresAt: null,
            error: `Gave up after ${candidate.attempts} attempts: each time, the worker training it stopped responding before finishing.`,
          },
        });
        continue;
      }
      const { count } = await this.db.tunerTrial.updateMany({
        where: unchanged,
        data: { status: "running", workerId, leaseExpiresAt: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      });
      if (count === 1) return { id: candidate.id, runId: candidate.runId, task: candidate.task, splitKey: candidate.splitKey, attempt: candidate.attempts + 1 };
    }
    return null;
  }

  async heartbeat(id: string, workerId: string, leaseMs: number): Promise<HeartbeatResult> {
    const { count } = await this.db.tunerTrial.updateMany({
      where: { id, workerId, status: "running" },
      data: { leaseExpiresAt: new Date(this.now().getTime() + leaseMs) },
    });
    if (count === 1) return "ok";
    const trial = await this.db.tunerTrial.findUnique({ where: { id }, select: { status: true } });
    return trial?.status === "cancelled" ? "cancelled" : "lost";
  }

  /** Records the outcome; false when this worker no longer holds the trial. */
  async finish(id: string, workerId: string, outcome: { score: number; modelKey: string } | { error: string }): Promise<boolean> {
    const { count } = await this.db.tunerTrial.updateMany({
      where: { id, workerId, status: "running" },
      data: {
        finishedAt: this.now(),
        leaseExpiresAt: null,
        ...("error" in outcome ? { status: "failed", error: outcome.error } : { status: "succeeded", score: outcome.score, modelKey: outcome.modelKey }),
      },
    });
    return count === 1;
  }

  /** Stops one trial, or every unfinished trial of a run (a new attempt of the run starts its tuners afresh). */
  async cancelUnfinished(where: { id: string } | { runId: string }): Promise<void> {
    await this.db.tunerTrial.updateMany({
      where: { ...where, status: { in: [...ACTIVE_RUN_STATUSES] } },
      data: { status: "cancelled", finishedAt: this.now(), leaseExpiresAt: null },
    });
  }

  /** A trial with the same task on the same split that an earlier attempt of the run already finished. */
  async findSucceeded(trial: { runId: string; nodeId: string; trialIndex: number; task: string; splitKey: string }): Promise<string | null> {
    const row = await this.db.tunerTrial.findFirst({ where: { ...trial, status: "succeeded" }, select: { id: true } });
    return row?.id ?? null;
  }

  async state(id: string): Promise<TrialState> {
    const row = await this.db.tunerTrial.findUniqueOrThrow({ where: { id }, select: { status: true, score: true, modelKey: true, error: true } });
    return { ...row, status: runStatusSchema.parse(row.status) };
  }
}
