import "server-only";
import { BatchPredictionQueue } from "../batchPredictions/batchPredictionQueue";
import { db } from "../db";
import { TrialQueue } from "../tuning/trialQueue";
import { queueBoss } from "./queueBoss";
import { queueConfig } from "./queueConfig";
import { RunQueue } from "./runQueue";

/** This process's run, trial and batch prediction queues: its database, its pg-boss, the configured caps and lease. */
export async function processQueues(): Promise<{ runs: RunQueue; trials: TrialQueue; batches: BatchPredictionQueue }> {
  const boss = await queueBoss();
  const config = queueConfig();
  return { runs: new RunQueue(db, boss, config), trials: new TrialQueue(db, boss, config), batches: new BatchPredictionQueue(db, boss, config) };
}
