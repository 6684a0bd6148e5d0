// The job queues of server work, in pg-boss (the `pgboss` schema of Vajra's database), and their
// installation: scripts/migrate.mjs calls installJobQueues after the Prisma migrations, so every
// process (web, worker, test template) starts with the schema and queues in place.
import PgBoss from "pg-boss";

/** Server runs: one job per run, admitted per project (server/queue/admission.ts). */
export const RUN_QUEUE = "vajra-runs";
/** Tuner trials of server runs: one job per trial, trained by any worker. */
export const TRIAL_QUEUE = "vajra-trials";
/** Batch predictions: one job per BatchPrediction row, scored by any worker (server/batchPredictions/). */
export const BATCH_PREDICTION_QUEUE = "vajra-batch-predictions";

/** Creates (or upgrades) pg-boss's schema and Vajra's queues; idempotent. */
export async function installJobQueues(url) {
  const boss = new PgBoss({ connectionString: url, max: 1, supervise: false, schedule: false, migrate: true });
  boss.on("error", () => undefined); // surfaced by start() itself
  await boss.start();
  try {
    for (const name of [RUN_QUEUE, TRIAL_QUEUE, BATCH_PREDICTION_QUEUE]) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: "standard" });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
