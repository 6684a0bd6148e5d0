import type PgBoss from "pg-boss";
import { runLaneSchema, type RunLane } from "@/contracts/runLane";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db";
import { initialLeaseSeconds } from "./jobLease";
import { projectCap, type QueueConfig } from "./queueConfig";
import { announceQueuedWork } from "./queuedWork";
import { RUN_QUEUE } from "./queueBoss";
import { sendInTransaction } from "./sendInTransaction";

/** pg-boss priorities (higher first): a waiting person's runs before batch work; trials before both, a run is waiting on them. */
export const LANE_PRIORITY: Record<RunLane, number> = { interactive: 10, batch: 0 };
export const TRIAL_PRIORITY = 20;

const LOCK_TRIES = 40;
const LOCK_RETRY_MS = 25;

export interface RunJobData {
  runId: string;
}

/**
 * Fair share across projects: a project's queued server runs wait in the project's own queue until it has
 * fewer than its cap handed to workers (dispatched and not finished); then the next ones — moved to the
 * front first, then interactive before batch, then oldest — become pg-boss jobs. pg-boss 10 has no
 * per-group concurrency (12 has, on Node 22), hence this step. The job is sent in the same transaction
 * that marks the run dispatched, under a per-project lock, so a run is never sent twice or lost between.
 * Returns the runs admitted.
 */
export async function admitRuns(db: Db, boss: PgBoss, config: QueueConfig, projectId: string): Promise<string[]> {
  // Most calls (a finished run freeing its slot) find nobody waiting: no transaction, no lock for them.
  const waiting = await db.run.count({ where: { projectId, target: "server", status: "queued", dispatchedAt: null } });
  if (waiting === 0) return [];
  // The lock is tried, not waited for: a burst of starts would otherwise park every pooled connection on it.
  // Whoever holds it may have read the queue before this caller's run was committed, so try again once it is free.
  for (let attempt = 0; attempt < LOCK_TRIES; attempt++) {
    const admitted = await db.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`vajra-admission:${projectId}`})) AS "locked"`;
      return lock?.locked ? admitWhileLocked(tx, boss, config, projectId) : null;
    });
    if (admitted !== null) return admitted;
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS * (1 + Math.random())));
  }
  // Still busy after all tries: other admissions are running for this project, and the workers' sweep follows up.
  return [];
}

async function admitWhileLocked(tx: Prisma.TransactionClient, boss: PgBoss, config: QueueConfig, projectId: string): Promise<string[]> {
  const inFlight = await tx.run.count({
    where: { projectId, target: "server", status: { in: ["queued", "running"] }, dispatchedAt: { not: null } },
  });
  const free = projectCap(config, projectId) - inFlight;
  if (free <= 0) return [];
  const next = await tx.$queryRaw<{ id: string; lane: string }[]>`
    SELECT "id", "lane" FROM "Run"
    WHERE "projectId" = ${projectId} AND "target" = 'server' AND "status" = 'queued' AND "dispatchedAt" IS NULL
    ORDER BY "movedToFrontAt" DESC NULLS LAST, ("lane" = 'interactive') DESC, "createdAt", "id"
    LIMIT ${free}`;
  for (const run of next) {
    const data: RunJobData = { runId: run.id };
    await sendInTransaction(tx, boss, RUN_QUEUE, data, {
      priority: LANE_PRIORITY[runLaneSchema.catch("interactive").parse(run.lane)],
      // One delivery more than the attempts allowed: the last one only records that the run was given up.
      retryLimit: config.maxAttempts,
      retryDelay: 0,
      expireInSeconds: initialLeaseSeconds(config.leaseMs),
    });
    await tx.run.update({ where: { id: run.id }, data: { dispatchedAt: new Date() } });
  }
  if (next.length > 0) await announceQueuedWork(tx);
  return next.map((run) => run.id);
}

/** Admits waiting runs of every project that has some (after a crash, a config change, or a missed call). */
export async function admitAllWaiting(db: Db, boss: PgBoss, config: QueueConfig): Promise<number> {
  const projects = await db.run.findMany({
    where: { target: "server", status: "queued", dispatchedAt: null },
    distinct: ["projectId"],
    select: { projectId: true },
  });
  let admitted = 0;
  for (const { projectId } of projects) admitted += (await admitRuns(db, boss, config, projectId)).length;
  return admitted;
}
