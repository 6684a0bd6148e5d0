import "server-only";
import { db } from "../db";
import { TrialQueue } from "../tuning/trialQueue";
import { queueBoss } from "./queueBoss";
import { queueConfig } from "./queueConfig";
import { RunQueue } from "./runQueue";

/** This process's run and trial queues: its database, its pg-boss, the configured caps and lease. */
export async function processQueues(): Promise<{ runs: RunQueue; trials: TrialQueue }> {
  const boss = await queueBoss();
  const config = queueConfig();
  return { runs: new RunQueue(db, boss, config), trials: new TrialQueue(db, boss, config) };
}
