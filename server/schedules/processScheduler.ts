import { db } from "../db";
import { env } from "../env";
import { processQueues } from "../queue/processQueues";
import { runChangeListener } from "../runs/runChangeListener";
import { DATASET_VERSION_ADDED } from "./datasetVersionNudge";
import { Scheduler } from "./scheduler";

let current: Scheduler | null = null;

/** This worker process's scheduler (server/schedules/scheduler.ts), polling every VAJRA_SCHEDULER_INTERVAL_MS. */
export async function startProcessScheduler(log: (message: string) => void): Promise<void> {
  if (current) return;
  const { runs } = await processQueues();
  current = new Scheduler({
    db,
    runs,
    intervalMs: env.VAJRA_SCHEDULER_INTERVAL_MS,
    log,
    onNudge: (wake) => runChangeListener().subscribe(DATASET_VERSION_ADDED, wake),
  });
  current.start();
  log(`scheduler: firing due schedules and dataset triggers every ${env.VAJRA_SCHEDULER_INTERVAL_MS} ms`);
}

export async function stopProcessScheduler(): Promise<void> {
  const stopping = current;
  current = null;
  await stopping?.stop();
}
