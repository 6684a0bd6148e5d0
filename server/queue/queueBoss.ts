import "server-only";
import PgBoss from "pg-boss";
import { RUN_QUEUE, TRIAL_QUEUE } from "@/scripts/jobQueues.mjs";
import { databaseUrl, env } from "../env";

export { RUN_QUEUE, TRIAL_QUEUE };

/**
 * This process's pg-boss, started on first use. Why pg-boss (10.x) over graphile-worker: graphile-worker
 * has no lease that a live worker can renew (a crashed worker's job waits a fixed 4 hours) and its
 * current releases need Node 22.18, while pg-boss 10 runs on our Node 20 and gives priorities, bounded
 * retries with delay, expiry of dead workers' jobs, cancel, and SKIP LOCKED fetches. What pg-boss 10
 * lacks and 12 (Node 22) adds — renewable leases and per-group concurrency — is in jobLease.ts and
 * admission.ts. Every process supervises: pg-boss lets one of them run the expiry sweep per interval.
 */
const globalForBoss = globalThis as unknown as { vajraQueueBoss?: Promise<PgBoss> };

export function queueBoss(): Promise<PgBoss> {
  globalForBoss.vajraQueueBoss ??= startBoss();
  return globalForBoss.vajraQueueBoss;
}

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 4,
    application_name: "vajra-queue",
    schedule: false,
    // scripts/migrate.mjs installed the schema before this process started.
    migrate: false,
    maintenanceIntervalSeconds: env.VAJRA_QUEUE_MAINTENANCE_SECONDS,
  });
  boss.on("error", (error: Error) => console.error(`job queue: ${error.message}`));
  try {
    await boss.start();
  } catch (error) {
    delete globalForBoss.vajraQueueBoss;
    throw error;
  }
  return boss;
}

/** Stops this process's pg-boss (worker shutdown, tests); the next queueBoss() starts a new one. */
export async function stopQueueBoss(): Promise<void> {
  const started = globalForBoss.vajraQueueBoss;
  delete globalForBoss.vajraQueueBoss;
  await (await started?.catch(() => undefined))?.stop({ graceful: false, wait: true });
}
