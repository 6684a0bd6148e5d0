import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { processQueues } = await import("../queue/processQueues");
const { stopQueueBoss } = await import("../queue/queueBoss");
const { Scheduler } = await import("./scheduler");
const { runChangeListener } = await import("../runs/runChangeListener");
const { DATASET_VERSION_ADDED } = await import("./datasetVersionNudge");

afterAll(stopQueueBoss);

async function until<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the scheduler loop", () => {
  it("fires a slot missed while it was down at start-up, then keeps polling for new versions, and stops cleanly", async () => {
    const owner = await signedUpCaller("loop@example.com");
    const projectId = (await owner.caller.project.create({ name: "Loop" })).id;
    const { pipelineId } = await saveGraph(owner.caller, projectId, irisGraph());
    const { id: missed } = await owner.caller.schedule.create({
      projectId,
      pipelineId,
      schedule: { kind: "cron", cron: "0 0 * * *", timeZone: "UTC", missedPolicy: "run_once" },
    });
    // Last night's slot passed while no scheduler ran.
    await db.pipelineSchedule.update({ where: { id: missed }, data: { nextRunAt: new Date(Date.now() - 3 * 86_400_000) } });
    const content = (rows: number) => ["a,b", ...Array.from({ length: rows }, (_, i) => `${i},x`)].join("\n");
    const { datasetId } = await owner.caller.dataset.upload({ projectId, name: "feed", fileName: "feed.csv", content: content(2) });
    const { id: trigger } = await owner.caller.schedule.create({ projectId, pipelineId, schedule: { kind: "dataset", datasetId } });

    const logs: string[] = [];
    const scheduler = new Scheduler({ db, runs: (await processQueues()).runs, intervalMs: 100, log: (m) => logs.push(m) });
    scheduler.start();
    try {
      await until(() => db.run.findFirst({ where: { scheduleId: missed } }));
      await owner.caller.dataset.upload({ projectId, name: "feed", fileName: "feed.csv", content: content(3) });
      const run = await until(() => db.run.findFirst({ where: { scheduleId: trigger } }));
      expect(run.triggerKey).toBe(`${trigger}:v2`);
    } finally {
      await scheduler.stop();
    }
    expect(await db.run.count({ where: { scheduleId: missed } })).toBe(1);
    expect(logs.some((line) => line.includes(`schedule ${missed}: fired`))).toBe(true);

    // Stopped: a newer version fires nothing.
    await owner.caller.dataset.upload({ projectId, name: "feed", fileName: "feed.csv", content: content(4) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await db.run.count({ where: { scheduleId: trigger } })).toBe(1);
  });

  it("a new dataset version wakes the scheduler at once (NOTIFY), long before its next poll", async () => {
    const owner = await signedUpCaller("nudge@example.com");
    const projectId = (await owner.caller.project.create({ name: "Nudge" })).id;
    const { pipelineId } = await saveGraph(owner.caller, projectId, irisGraph());
    const content = (rows: number) => ["a,b", ...Array.from({ length: rows }, (_, i) => `${i},x`)].join("\n");
    const { datasetId } = await owner.caller.dataset.upload({ projectId, name: "nudged", fileName: "nudged.csv", content: content(2) });
    const { id: trigger } = await owner.caller.schedule.create({ projectId, pipelineId, schedule: { kind: "dataset", datasetId } });
    const scheduler = new Scheduler({
      db,
      runs: (await processQueues()).runs,
      intervalMs: 10 * 60_000,
      log: () => undefined,
      onNudge: (wake) => runChangeListener().subscribe(DATASET_VERSION_ADDED, wake),
    });
    scheduler.start();
    try {
      // The start-up pass and the LISTEN are under way; give them a moment before the upload.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await owner.caller.dataset.upload({ projectId, name: "nudged", fileName: "nudged.csv", content: content(3) });
      const run = await until(() => db.run.findFirst({ where: { scheduleId: trigger } }), 5_000);
      expect(run.triggerKey).toBe(`${trigger}:v2`);
    } finally {
      await scheduler.stop();
    }
  });
});
