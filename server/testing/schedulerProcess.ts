/**
 * A scheduler process for the exactly-once test: loads everything, prints `ready`, waits for a line on
 * stdin so every process starts at once, then fires due schedules SCHEDULER_PASSES times as of SCHEDULER_NOW
 * (on DATABASE_URL, with this process's own job queue) and prints its outcomes as one JSON line.
 */
import { createInterface } from "node:readline";
import { db } from "../db";
import { processQueues } from "../queue/processQueues";
import { stopQueueBoss } from "../queue/queueBoss";
import { fireDueSchedules, type FireOutcome } from "../schedules/fireDueSchedules";

const now = new Date(process.env.SCHEDULER_NOW ?? Date.now());
const passes = Number(process.env.SCHEDULER_PASSES ?? "1");
const { runs } = await processQueues();
console.log("ready");
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
const outcomes: FireOutcome[] = [];
for (let pass = 0; pass < passes; pass++) outcomes.push(...(await fireDueSchedules(db, runs, now)));
console.log(`outcomes ${JSON.stringify(outcomes)}`);
await stopQueueBoss();
await db.$disconnect();
process.exit(0);
