import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { fireDueSchedules } = await import("./fireDueSchedules");

const { processQueues } = await import("../queue/processQueues");
const { stopQueueBoss } = await import("../queue/queueBoss");
/** This process's real run queue: admission hands the runs to pg-boss, where no worker takes them, so they stay queued. */
const queue = (await processQueues()).runs;
afterAll(stopQueueBoss);

let owner: Awaited<ReturnType<typeof signedUpCaller>>;
let viewer: Awaited<ReturnType<typeof signedUpCaller>>;
let projectId: string;
let pipelineId: string;

beforeAll(async () => {
  owner = await signedUpCaller("scheduler-owner@example.com");
  viewer = await signedUpCaller("scheduler-viewer@example.com");
  projectId = (await owner.caller.project.create({ name: "Scheduled" })).id;
  const link = await owner.caller.shareLink.create({ projectId, role: "viewer" });
  await viewer.caller.shareLink.accept({ token: link.token });
  ({ pipelineId } = await saveGraph(owner.caller, projectId, irisGraph()));
});

/** A cron schedule made through the API, then moved so its next slot is `nextRunAt` (as if time had passed). */
async function cronSchedule(cron: string, nextRunAt: Date, missedPolicy: "run_once" | "skip" = "run_once", timeZone = "UTC") {
  const { id } = await owner.caller.schedule.create({ projectId, pipelineId, schedule: { kind: "cron", cron, timeZone, missedPolicy } });
  await db.pipelineSchedule.update({ where: { id }, data: { nextRunAt } });
  return id;
}

const runsOf = (scheduleId: string) => db.run.findMany({ where: { scheduleId }, orderBy: { createdAt: "asc" } });
const scheduleOf = (id: string) => db.pipelineSchedule.findUniqueOrThrow({ where: { id } });

describe("fireDueSchedules", () => {
  it("starts one ordinary batch server run for a due slot, authored by the schedule's creator, then moves to the next slot", async () => {
    const now = new Date("2026-06-01T06:00:20Z");
    const id = await cronSchedule("0 6 * * *", new Date("2026-06-01T06:00:00Z"));
    const outcomes = await fireDueSchedules(db, queue, now);
    expect(outcomes.filter((o) => o.scheduleId === id).map((o) => o.outcome)).toEqual(["fired"]);
    const [run, ...others] = await runsOf(id);
    expect(others).toEqual([]);
    expect(run).toMatchObject({ target: "server", status: "queued", lane: "batch", startedById: owner.user.id, triggerKey: `${id}:2026-06-01T06:00:00.000Z` });
    expect(await scheduleOf(id)).toMatchObject({ nextRunAt: new Date("2026-06-02T06:00:00Z"), lastFiredAt: now });
    // The runs list says it was scheduled.
    const listed = await viewer.caller.run.list({ projectId });
    expect(listed.find((r) => r.id === run!.id)).toMatchObject({ scheduled: true });

    // Called again for the same instant: nothing is due any more.
    await fireDueSchedules(db, queue, now);
    expect(await runsOf(id)).toHaveLength(1);
  });

  it("the same slot never runs twice, even when a scheduler reads the schedule before another one moved it on", async () => {
    const id = await cronSchedule("0 * * * *", new Date("2026-06-01T10:00:00Z"));
    const now = new Date("2026-06-01T10:00:05Z");
    await fireDueSchedules(db, queue, now);
    // Put the schedule back as a slow scheduler would still see it.
    await db.pipelineSchedule.update({ where: { id }, data: { nextRunAt: new Date("2026-06-01T10:00:00Z") } });
    const again = await fireDueSchedules(db, queue, now);
    expect(again.find((o) => o.scheduleId === id)?.outcome).toBe("taken");
    expect(await runsOf(id)).toHaveLength(1);
  });

  it("slots missed while nothing ran: run_once runs the latest of them once, skip runs none; both move to the next future slot", async () => {
    const missedSince = new Date("2026-06-01T03:00:00Z");
    const now = new Date("2026-06-01T08:20:00Z");
    const once = await cronSchedule("0 * * * *", missedSince, "run_once");
    const skip = await cronSchedule("0 * * * *", missedSince, "skip");
    await fireDueSchedules(db, queue, now);
    const onceRuns = await runsOf(once);
    expect(onceRuns.map((r) => r.triggerKey)).toEqual([`${once}:2026-06-01T08:00:00.000Z`]);
    expect(await runsOf(skip)).toEqual([]);
    for (const id of [once, skip]) expect((await scheduleOf(id)).nextRunAt).toEqual(new Date("2026-06-01T09:00:00Z"));
  });

  it("a single slot found long after it was due counts as missed too", async () => {
    const skip = await cronSchedule("0 6 * * 1", new Date("2026-06-01T06:00:00Z"), "skip");
    await fireDueSchedules(db, queue, new Date("2026-06-03T12:00:00Z"));
    expect(await runsOf(skip)).toEqual([]);
    expect((await scheduleOf(skip)).nextRunAt).toEqual(new Date("2026-06-08T06:00:00Z"));
  });

  it("a paused schedule does not run, and resuming starts from now without the slots it missed", async () => {
    const id = await cronSchedule("*/5 * * * *", new Date("2020-01-01T00:00:00Z"));
    await owner.caller.schedule.pause({ projectId, scheduleId: id });
    await fireDueSchedules(db, queue, new Date());
    expect(await runsOf(id)).toEqual([]);
    const resumed = await owner.caller.schedule.resume({ projectId, scheduleId: id });
    expect(resumed.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    await fireDueSchedules(db, queue, new Date());
    expect(await runsOf(id)).toEqual([]);
  });

  it("a dataset trigger runs once for each new newest version, not for the versions there were when it was added", async () => {
    const csv = (rows: number) => ["sepal_length_cm,species", ...Array.from({ length: rows }, (_, i) => `${i},setosa`)].join("\n");
    const { datasetId } = await owner.caller.dataset.upload({ projectId, name: "incoming", fileName: "incoming.csv", content: csv(3) });
    const { id } = await owner.caller.schedule.create({ projectId, pipelineId, schedule: { kind: "dataset", datasetId } });
    await fireDueSchedules(db, queue, new Date());
    expect(await runsOf(id)).toEqual([]);

    await owner.caller.dataset.upload({ projectId, name: "incoming", fileName: "incoming.csv", content: csv(4) });
    await fireDueSchedules(db, queue, new Date());
    await fireDueSchedules(db, queue, new Date());
    expect((await runsOf(id)).map((r) => r.triggerKey)).toEqual([`${id}:v2`]);
    expect((await scheduleOf(id)).lastDatasetVersion).toBe(2);

    // Two uploads while the v2 run is still queued: nothing more runs yet...
    await owner.caller.dataset.upload({ projectId, name: "incoming", fileName: "incoming.csv", content: csv(5) });
    await owner.caller.dataset.upload({ projectId, name: "incoming", fileName: "incoming.csv", content: csv(6) });
    const held = await fireDueSchedules(db, queue, new Date());
    expect(held.find((o) => o.scheduleId === id)).toMatchObject({ outcome: "skipped", reason: expect.stringContaining("still going") as unknown });
    expect((await scheduleOf(id)).lastDatasetVersion).toBe(2);
    // ...and once it has finished, one run, for the newest.
    await db.run.updateMany({ where: { scheduleId: id }, data: { status: "succeeded" } });
    await fireDueSchedules(db, queue, new Date());
    expect((await runsOf(id)).map((r) => r.triggerKey)).toEqual([`${id}:v2`, `${id}:v4`]);
  });

  it("a slot that comes while the schedule's last run is still queued starts nothing and moves on", async () => {
    const id = await cronSchedule("0 * * * *", new Date("2026-06-05T10:00:00Z"));
    await fireDueSchedules(db, queue, new Date("2026-06-05T10:00:05Z"));
    const next = await fireDueSchedules(db, queue, new Date("2026-06-05T11:00:05Z"));
    expect(next.find((o) => o.scheduleId === id)).toMatchObject({ outcome: "skipped", reason: expect.stringContaining("still going") as unknown });
    expect(await runsOf(id)).toHaveLength(1);
    expect((await scheduleOf(id)).nextRunAt).toEqual(new Date("2026-06-05T12:00:00Z"));
  });

  it("a pipeline that cannot run any more reports the slot failed and still moves on", async () => {
    const broken = (await saveGraph(owner.caller, projectId, irisGraph())).pipelineId;
    const { id } = await owner.caller.schedule.create({
      projectId,
      pipelineId: broken,
      schedule: { kind: "cron", cron: "0 6 * * *", timeZone: "UTC", missedPolicy: "run_once" },
    });
    await db.pipelineSchedule.update({ where: { id }, data: { nextRunAt: new Date("2026-06-01T06:00:00Z") } });
    // Its newest version has a model with no data: it does not compile, so it cannot run.
    const [latest] = await owner.caller.pipeline.versions({ projectId, pipelineId: broken });
    const graph = { nodes: [{ id: "model", kind: "mlp", params: {}, position: { x: 0, y: 0 } }], edges: [] };
    await owner.caller.pipeline.saveVersion({ projectId, pipelineId: broken, graph, message: "broken", baseVersionId: latest!.id });

    const outcomes = await fireDueSchedules(db, queue, new Date("2026-06-01T06:00:10Z"));
    expect(outcomes.find((o) => o.scheduleId === id)).toMatchObject({ outcome: "failed", reason: expect.stringMatching(/compile errors/) as unknown });
    expect(await runsOf(id)).toEqual([]);
    expect((await scheduleOf(id)).nextRunAt).toEqual(new Date("2026-06-02T06:00:00Z"));
  });
});

describe("schedule API", () => {
  it("lists schedules with their next slot and runs to a viewer, and refuses a viewer every change", async () => {
    const id = await cronSchedule("0 6 * * 1", new Date("2026-06-01T04:00:00Z"), "run_once", "Europe/Berlin");
    await fireDueSchedules(db, queue, new Date("2026-06-01T04:00:30Z"));
    const { schedules, history } = await viewer.caller.schedule.list({ projectId, pipelineId });
    const listed = schedules.find((s) => s.id === id)!;
    expect(listed).toMatchObject({ kind: "cron", cron: "0 6 * * 1", timeZone: "Europe/Berlin", paused: false, nextRunAt: new Date("2026-06-08T04:00:00Z") });
    expect(listed.recentRuns.map((r) => r.slot)).toEqual(["2026-06-01T04:00:00.000Z"]);
    expect(history.some((r) => r.scheduleId === id)).toBe(true);
    await expect(viewer.caller.schedule.pause({ projectId, scheduleId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.caller.schedule.delete({ projectId, scheduleId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses an invalid cron expression or time zone with a message for people", async () => {
    await expect(
      owner.caller.schedule.create({ projectId, pipelineId, schedule: { kind: "cron", cron: "0 25 * * *", timeZone: "UTC", missedPolicy: "skip" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/hour/) as unknown });
    await expect(
      owner.caller.schedule.create({ projectId, pipelineId, schedule: { kind: "cron", cron: "0 6 * * *", timeZone: "Nowhere/Land", missedPolicy: "skip" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/time zone/) as unknown });
  });

  it("shows a schedule whose latest run failed on the project page until a later run succeeds; deleting keeps the runs", async () => {
    const id = await cronSchedule("0 12 * * *", new Date("2026-06-01T12:00:00Z"));
    await fireDueSchedules(db, queue, new Date("2026-06-01T12:00:10Z"));
    const [run] = await runsOf(id);
    await db.run.update({
      where: { id: run!.id },
      data: { status: "failed", finishedAt: new Date(), error: JSON.stringify({ message: "Column 'x' is missing" }) },
    });
    const failures = await viewer.caller.schedule.projectFailures({ projectId });
    expect(failures.find((f) => f.schedule.id === id)).toMatchObject({ run: { id: run!.id, error: "Column 'x' is missing" }, pipeline: { id: pipelineId } });

    await db.pipelineSchedule.update({ where: { id }, data: { nextRunAt: new Date("2026-06-02T12:00:00Z") } });
    await fireDueSchedules(db, queue, new Date("2026-06-02T12:00:10Z"));
    const [, second] = await runsOf(id);
    await db.run.update({ where: { id: second!.id }, data: { status: "succeeded", finishedAt: new Date() } });
    expect((await viewer.caller.schedule.projectFailures({ projectId })).find((f) => f.schedule.id === id)).toBeUndefined();

    await owner.caller.schedule.delete({ projectId, scheduleId: id });
    expect(await db.run.count({ where: { id: { in: [run!.id, second!.id] }, scheduleId: null, triggerKey: { not: null } } })).toBe(2);
  });
  it("a schedule whose author left the project starts no run and is paused; the editor who resumes it becomes its author", async () => {
    const mate = await signedUpCaller("scheduler-mate@example.com");
    const link = await owner.caller.shareLink.create({ projectId, role: "editor" });
    await mate.caller.shareLink.accept({ token: link.token });
    const { id } = await mate.caller.schedule.create({
      projectId,
      pipelineId,
      schedule: { kind: "cron", cron: "0 12 * * *", timeZone: "UTC", missedPolicy: "run_once" },
    });
    await owner.caller.member.remove({ projectId, userId: mate.user.id });
    await db.pipelineSchedule.update({ where: { id }, data: { nextRunAt: new Date("2026-06-03T12:00:00Z") } });

    const outcomes = await fireDueSchedules(db, queue, new Date("2026-06-03T12:00:10Z"));
    expect(outcomes.find((o) => o.scheduleId === id)).toMatchObject({ outcome: "failed", reason: expect.stringContaining("no longer an editor") });
    expect(await runsOf(id)).toEqual([]);
    expect(await scheduleOf(id)).toMatchObject({ paused: true, nextRunAt: null, createdById: mate.user.id });

    await owner.caller.schedule.resume({ projectId, scheduleId: id });
    const resumed = await scheduleOf(id);
    expect(resumed).toMatchObject({ paused: false, createdById: owner.user.id });
    await fireDueSchedules(db, queue, resumed.nextRunAt!);
    expect((await runsOf(id)).map((r) => r.startedById)).toEqual([owner.user.id]);
  });
});
