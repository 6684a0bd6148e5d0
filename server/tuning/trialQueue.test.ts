import { beforeAll, describe, expect, it } from "vitest";
import { claimAfterLapse } from "../testing/claimAfterLapse";
import { useFreshDatabase } from "../testing/testDatabase";

// Short leases and a sweep every second, so a lapsed lease is seen within a few seconds of real time.
process.env.VAJRA_WORKER_LEASE_MS = "1000";
process.env.VAJRA_QUEUE_MAINTENANCE_SECONDS = "1";
process.env.VAJRA_WORKER_MAX_ATTEMPTS = "2";
await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { processQueues } = await import("../queue/processQueues");
const { cancelUnfinishedTrials } = await import("./trialQueue");

const { trials } = await processQueues();
let runId: string;
const trial = (trialIndex: number) => ({ runId, nodeId: "tuner", trialIndex, task: `{"i":${trialIndex}}`, splitKey: "0".repeat(64) });

beforeAll(async () => {
  const { caller } = await signedUpCaller("trials@example.com");
  const projectId = (await caller.project.list())[0]!.id;
  const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
  runId = (await caller.run.start({ projectId, pipelineId, target: "server" })).runId;
  // Trials are only handed out while their run runs.
  await db.run.update({ where: { id: runId }, data: { status: "running", workerId: "coordinator" } });
});

describe("TrialQueue", () => {
  it("hands each trial to one claimer, and a dead worker's trial to another until the attempts run out", async () => {
    const ids = [await trials.enqueue(trial(0)), await trials.enqueue(trial(1))];
    const claims = await Promise.all(["w1", "w2", "w3"].map((w) => trials.claim(w)));
    expect(claims.flatMap((c) => (c ? [c.id] : [])).sort()).toEqual([...ids].sort());
    expect(claims.filter((c) => c === null)).toHaveLength(1);
    const first = claims.find((c) => c?.id === ids[0])!;
    const second = claims.find((c) => c?.id === ids[1])!;
    const secondWorker = claims[0] === second ? "w1" : claims[1] === second ? "w2" : "w3";
    expect(await trials.finish(second, secondWorker, { score: 0.9, modelKey: "1".repeat(64) })).toBe(true);

    // The first trial's worker died: after its lease lapses the trial goes to w4 as attempt 2.
    const again = await claimAfterLapse(() => trials.claim("w4"));
    expect(again).toMatchObject({ id: first.id, attempt: 2 });
    expect(await trials.heartbeat(again!, "w4")).toBe("ok");
    expect(await trials.heartbeat(first, claims[0] === first ? "w1" : "w2")).toBe("lost");
    // Two attempts used up: the trial fails with a reason instead of being handed out a third time.
    expect(await claimAfterLapse(() => trials.claim("w5"))).toBeNull();
    expect(await trials.state(first.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/Gave up after 2 attempts/) });
    expect(await trials.state(ids[1]!)).toEqual({ status: "succeeded", score: 0.9, modelKey: "1".repeat(64), error: null });
  }, 30_000);

  it("finds a trial an earlier attempt already finished, and cancels the rest of a run's trials", async () => {
    const done = await trials.findSucceeded(trial(1));
    expect(done).not.toBeNull();
    expect(await trials.findSucceeded({ ...trial(1), task: '{"i":99}' })).toBeNull();
    const waiting = await trials.enqueue(trial(2));
    const claimed = await trials.claim("w6");
    expect(claimed?.id).toBe(waiting);
    await cancelUnfinishedTrials(db, { runId });
    expect((await trials.state(waiting)).status).toBe("cancelled");
    expect(await trials.heartbeat(claimed!, "w6")).toBe("cancelled");
    expect(await trials.finish(claimed!, "w6", { error: "late" })).toBe(false);
    expect((await trials.state(done!)).status).toBe("succeeded");
  });

  it("hands out no trial of a run that is no longer running", async () => {
    await trials.enqueue(trial(3));
    await db.run.update({ where: { id: runId }, data: { status: "cancelled" } });
    expect(await trials.claim("w7")).toBeNull();
  });
});
