import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
type FireOutcome = import("./fireDueSchedules").FireOutcome;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NOW = new Date("2026-06-01T06:00:20Z");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, "SIGKILL");
});

/** A real process running server/testing/schedulerProcess.ts on this test's database; resolves with its outcomes once it exits. */
function schedulerProcess(name: string) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/testing/schedulerProcess.ts"], {
    cwd: ROOT,
    env: { ...process.env, VAJRA_INPROCESS_WORKER: "0", SCHEDULER_NOW: NOW.toISOString(), SCHEDULER_PASSES: "3" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (output.includes("ready")) resolve();
      else if (child.exitCode !== null) reject(new Error(`${name} exited before it was ready:\n${output}`));
      else return;
      clearInterval(poll);
    }, 50);
  });
  const done = new Promise<FireOutcome[]>((resolve, reject) =>
    child.once("exit", (code) => {
      const line = /^outcomes (.*)$/m.exec(output)?.[1];
      if (code !== 0 || line === undefined) reject(new Error(`${name} exited ${code}:\n${output}`));
      else resolve(JSON.parse(line) as FireOutcome[]);
    }),
  );
  return { ready, done, go: () => child.stdin!.write("go\n") };
}

describe("two scheduler processes", () => {
  it("produce each due run exactly once", async () => {
    const owner = await signedUpCaller("two-schedulers@example.com");
    const projectId = (await owner.caller.project.create({ name: "Two schedulers" })).id;
    const { pipelineId } = await saveGraph(owner.caller, projectId, irisGraph());
    const csv = (rows: number) => ["a,species", ...Array.from({ length: rows }, (_, i) => `${i},setosa`)].join("\n");

    // Due now: 8 on time, 4 whose slots were missed (run_once: the latest of them), 2 missed with skip, 1 dataset trigger with a new version.
    const expected = new Map<string, string | null>();
    const cron = async (nextRunAt: string, missedPolicy: "run_once" | "skip", expectedSlot: string | null) => {
      const { id } = await owner.caller.schedule.create({
        projectId,
        pipelineId,
        schedule: { kind: "cron", cron: "0 * * * *", timeZone: "UTC", missedPolicy },
      });
      await db.pipelineSchedule.update({ where: { id }, data: { nextRunAt: new Date(nextRunAt) } });
      expected.set(id, expectedSlot === null ? null : `${id}:${expectedSlot}`);
    };
    for (let i = 0; i < 8; i++) await cron("2026-06-01T06:00:00Z", i % 2 ? "skip" : "run_once", "2026-06-01T06:00:00.000Z");
    for (let i = 0; i < 4; i++) await cron("2026-05-31T20:00:00Z", "run_once", "2026-06-01T06:00:00.000Z");
    for (let i = 0; i < 2; i++) await cron("2026-05-31T20:00:00Z", "skip", null);
    const { datasetId } = await owner.caller.dataset.upload({ projectId, name: "arrivals", fileName: "arrivals.csv", content: csv(3) });
    const trigger = await owner.caller.schedule.create({ projectId, pipelineId, schedule: { kind: "dataset", datasetId } });
    await owner.caller.dataset.upload({ projectId, name: "arrivals", fileName: "arrivals.csv", content: csv(4) });
    expected.set(trigger.id, `${trigger.id}:v2`);

    const processes = [schedulerProcess("scheduler A"), schedulerProcess("scheduler B")];
    await Promise.all(processes.map((p) => p.ready));
    for (const p of processes) p.go();
    const [a, b] = await Promise.all(processes.map((p) => p.done));

    const runs = await db.run.findMany({ where: { projectId }, select: { scheduleId: true, triggerKey: true } });
    for (const [scheduleId, triggerKey] of expected) {
      expect(runs.filter((r) => r.scheduleId === scheduleId).map((r) => r.triggerKey)).toEqual(triggerKey === null ? [] : [triggerKey]);
    }
    expect(runs).toHaveLength([...expected.values()].filter((key) => key !== null).length);
    // Each run was started by exactly one of the two; the other found it taken or already moved on.
    const fired = [...a!, ...b!].filter((o) => o.outcome === "fired").map((o) => o.triggerKey);
    expect(fired.sort()).toEqual(runs.map((r) => r.triggerKey).sort());
    expect([...a!, ...b!].filter((o) => o.outcome === "failed")).toEqual([]);
    for (const id of expected.keys()) {
      const schedule = await db.pipelineSchedule.findUniqueOrThrow({ where: { id } });
      if (schedule.kind === "cron") expect(schedule.nextRunAt).toEqual(new Date("2026-06-01T07:00:00Z"));
      else expect(schedule.lastDatasetVersion).toBe(2);
    }
  }, 120_000);
});
