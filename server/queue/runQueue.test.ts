import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimAfterLapse } from "../testing/claimAfterLapse";
import { useFreshDatabase } from "../testing/testDatabase";

// Short leases and a sweep every second, so a lapsed lease is seen within a few seconds of real time.
process.env.VAJRA_WORKER_LEASE_MS = "1000";
process.env.VAJRA_QUEUE_MAINTENANCE_SECONDS = "1";
process.env.VAJRA_WORKER_MAX_ATTEMPTS = "2";
process.env.VAJRA_QUEUE_PROJECT_CAP = "2";
await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { processQueues } = await import("./processQueues");
const { testWorker } = await import("../testing/testWorker");
const { runChangeListener } = await import("../runs/runChangeListener");
const { QUEUED_WORK } = await import("./queuedWork");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const { runs } = await processQueues();
let owner: Caller;
let projectId: string;
let pipelineId: string;
let other: { caller: Caller; projectId: string; pipelineId: string };

async function demoOf(email: string) {
  const { caller } = await signedUpCaller(email);
  const project = (await caller.project.list())[0]!;
  return { caller, projectId: project.id, pipelineId: (await caller.pipeline.list({ projectId: project.id }))[0]!.id };
}

const start = async (lane: "interactive" | "batch" = "interactive", who = { caller: owner, projectId, pipelineId }) =>
  (await who.caller.run.start({ projectId: who.projectId, pipelineId: who.pipelineId, target: "server", lane })).runId;

/** Claims until the queue is empty: the run ids in the order workers got them. */
async function claimAll(workerId: string) {
  const claimed = [];
  for (let c = await runs.claim(workerId); c; c = await runs.claim(workerId)) claimed.push(c);
  return claimed;
}

beforeAll(async () => {
  ({ caller: owner, projectId, pipelineId } = await demoOf("queue@example.com"));
  other = await demoOf("queue-other@example.com");
});

beforeEach(async () => {
  // Each test starts with an empty queue: finish everything earlier tests left and drop their jobs.
  await db.run.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled" } });
  while (await runs.claim("sweeper"));
});

describe("the run queue on pg-boss", () => {
  it("hands each run to exactly one of several concurrent claimers", async () => {
    const started = [await start(), await start()];
    const claims = await Promise.all(["w1", "w2", "w3", "w4"].map((w) => runs.claim(w)));
    expect(claims.flatMap((c) => (c ? [c.runId] : [])).sort()).toEqual([...started].sort());
    expect(claims.filter((c) => c === null)).toHaveLength(2);
    const rows = await db.run.findMany({ where: { id: { in: started } } });
    expect(rows.every((r) => r.status === "running" && r.attempts === 1 && r.workerId !== null && r.startedAt !== null)).toBe(true);
  });

  it("caps each project's runs at workers and shares workers fairly; interactive runs go before batch ones", async () => {
    const mine = [await start("batch"), await start("batch"), await start("batch"), await start("interactive")];
    const theirs = await start("interactive", other);
    // Cap 2: the project's first two runs were admitted as they came; the other project's run is not held
    // back behind them, and goes first as it is interactive.
    const first = await claimAll("w1");
    expect(first.map((c) => c.runId)).toEqual([theirs, mine[0], mine[1]]);
    // Waiting in the project: the interactive run before the older batch one.
    const positions = (await owner.run.list({ projectId })).filter((r) => r.status === "queued").map((r) => [r.id, r.queue]);
    expect(positions).toEqual([
      [mine[3], { phase: "project", position: 1 }],
      [mine[2], { phase: "project", position: 2 }],
    ]);
    // A finished run frees its project's slot for the next one.
    await runs.complete(first[1]!, "w1", { status: "succeeded" });
    expect((await claimAll("w1")).map((c) => c.runId)).toEqual([mine[3]]);
  });

  it("keeps a long training on its live worker, and gives a dead worker's run to another with the reason recorded", async () => {
    const runId = await start();
    const live = (await runs.claim("w1"))!;
    // Three lease lengths, renewed every third of one: no other worker gets it.
    for (let i = 0; i < 9; i++) {
      expect(await runs.heartbeat(live, "w1")).toBe("ok");
      await new Promise((resolve) => setTimeout(resolve, 330));
      expect(await runs.claim("w2")).toBeNull();
    }
    // w1 stops renewing (it died): the lease lapses and w2 gets the run as attempt 2.
    const rescued = await claimAfterLapse(() => runs.claim("w2"));
    expect(rescued).toMatchObject({ runId, attempt: 2 });
    expect(await runs.heartbeat(live, "w1")).toBe("lost");
    expect(await runs.complete(live, "w1", { status: "succeeded" })).toBe(false);
    expect(await runs.complete(rescued!, "w2", { status: "succeeded", backend: "cpu" })).toBe(true);
    const run = (await owner.run.list({ projectId })).find((r) => r.id === runId)!;
    expect(run).toMatchObject({ status: "succeeded", backend: "cpu", attempts: 2 });
    expect(run.retries).toEqual([expect.objectContaining({ attempt: 1, workerId: "w1", reason: expect.stringMatching(/\(w1\) stopped responding/) })]);
  }, 30_000);

  it("gives up with a clear error once the attempts allowed are used", async () => {
    const runId = await start();
    expect(await runs.claim("w1")).toMatchObject({ attempt: 1 });
    expect(await claimAfterLapse(() => runs.claim("w2"))).toMatchObject({ attempt: 2 });
    expect(await claimAfterLapse(() => runs.claim("w3"))).toBeNull();
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("failed");
    expect(JSON.parse(run.error!).message).toMatch(/Gave up after 2 attempts/);
  }, 30_000);

  it("reports a cancelled run at heartbeat, drops the jobs of runs cancelled while queued, and gives their slot away", async () => {
    const running = await start();
    const waiting = await start();
    const claimed = (await runs.claim("w1"))!;
    expect(claimed.runId).toBe(running);
    await owner.run.cancel({ projectId, runId: running });
    await owner.run.cancel({ projectId, runId: waiting });
    expect(await runs.heartbeat(claimed, "w1")).toBe("cancelled");
    expect(await runs.complete(claimed, "w1", { status: "cancelled" })).toBe(false);
    const next = await start();
    expect((await claimAll("w2")).map((c) => c.runId)).toEqual([next]);
  });

  it("hands a run back on shutdown without counting the attempt, first in its project", async () => {
    const released = await start();
    const later = [await start(), await start()];
    const claimed = (await runs.claim("w1"))!;
    expect(await runs.release(claimed, "w1")).toBe(true);
    expect((await db.run.findUniqueOrThrow({ where: { id: released } })).status).toBe("queued");
    const order = await claimAll("w2");
    expect(order.map((c) => c.runId)).toEqual([later[0], released]);
    expect(order[1]).toMatchObject({ attempt: 1 });
  });

  it("moves a waiting run to the front of its project's queue, for editors only", async () => {
    const runIds = [await start(), await start(), await start(), await start()];
    // Two are admitted (the cap); the last waiting one moves ahead of the other.
    const moved = await owner.run.moveToFront({ projectId, runId: runIds[3]! });
    expect(moved).toEqual({ runId: runIds[3], moved: true, position: { phase: "project", position: 1 } });
    expect((await owner.run.moveToFront({ projectId, runId: runIds[0]! })).moved).toBe(false);

    const viewer = await signedUpCaller("queue-viewer@example.com");
    const link = await owner.shareLink.create({ projectId, role: "viewer" });
    await viewer.caller.shareLink.accept({ token: link.token });
    await expect(viewer.caller.run.moveToFront({ projectId, runId: runIds[2]! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.caller.run.cancel({ projectId, runId: runIds[2]! })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const first = await claimAll("w1");
    expect(first.map((c) => c.runId)).toEqual([runIds[0], runIds[1]]);
    await runs.complete(first[0]!, "w1", { status: "succeeded" });
    expect((await claimAll("w1")).map((c) => c.runId)).toEqual([runIds[3]]);
  });

  it("wakes an idle worker the moment a run is admitted, instead of at its next poll", async () => {
    const worker = await testWorker("sleeper", { pollMs: 60_000, onQueuedWork: (wake) => runChangeListener().subscribe(QUEUED_WORK, wake) });
    worker.start();
    // Let it find the queue empty and settle into its minute-long wait.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const runId = await start();
    const started = Date.now();
    while ((await db.run.findUniqueOrThrow({ where: { id: runId } })).status !== "succeeded" && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await worker.stop();
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("succeeded");
  }, 30_000);

  it("never hands out browser runs", async () => {
    await owner.run.start({ projectId, pipelineId, target: "browser" });
    expect(await runs.claim("w1")).toBeNull();
  });
});
