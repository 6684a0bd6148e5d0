import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { TrialQueue } = await import("./trialQueue");

let clock = new Date("2030-01-01T00:00:00Z");
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const trials = new TrialQueue(db, { maxAttempts: 2, now: () => clock });
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
  it("hands each trial to one claimer, in proposal order, and re-claims one whose lease lapsed until attempts run out", async () => {
    const ids = [await trials.enqueue(trial(0)), await trials.enqueue(trial(1))];
    const claims = await Promise.all(["w1", "w2", "w3"].map((w) => trials.claim(w, 1000)));
    expect(claims.flatMap((c) => (c ? [c.id] : [])).sort()).toEqual([...ids].sort());
    expect(claims.filter((c) => c === null)).toHaveLength(1);

    const first = claims.find((c) => c?.id === ids[0])!;
    expect(await trials.claim("w4", 1000)).toBeNull();
    advance(1001);
    // w-first died: its trial is claimable again; the other one's worker finished in time.
    const owner = (await db.tunerTrial.findUniqueOrThrow({ where: { id: ids[1]! } })).workerId!;
    expect(await trials.finish(ids[1]!, owner, { score: 0.9, modelKey: "1".repeat(64) })).toBe(true);
    const again = await trials.claim("w4", 1000);
    expect(again).toMatchObject({ id: first.id, attempt: 2 });
    expect(await trials.heartbeat(first.id, "w4", 1000)).toBe("ok");
    expect(await trials.heartbeat(first.id, first.id === claims[0]?.id ? "w1" : "w2", 1000)).toBe("lost");
    advance(1001);
    // Two attempts used up: the trial fails with a reason instead of being handed out a third time.
    expect(await trials.claim("w5", 1000)).toBeNull();
    expect(await trials.state(first.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/Gave up after 2 attempts/) });
    expect(await trials.state(ids[1]!)).toEqual({ status: "succeeded", score: 0.9, modelKey: "1".repeat(64), error: null });
  });

  it("finds a trial an earlier attempt already finished, and cancels the rest of a run's trials", async () => {
    const done = await trials.findSucceeded(trial(1));
    expect(done).not.toBeNull();
    expect(await trials.findSucceeded({ ...trial(1), task: '{"i":99}' })).toBeNull();
    const waiting = await trials.enqueue(trial(2));
    const claimed = await trials.claim("w6", 1000);
    expect(claimed?.id).toBe(waiting);
    await trials.cancelUnfinished({ runId });
    expect((await trials.state(waiting)).status).toBe("cancelled");
    expect(await trials.heartbeat(waiting, "w6", 1000)).toBe("cancelled");
    expect(await trials.finish(waiting, "w6", { error: "late" })).toBe(false);
    expect((await trials.state(done!)).status).toBe("succeeded");
  });

  it("hands out no trial of a run that is no longer running", async () => {
    await trials.enqueue(trial(3));
    await db.run.update({ where: { id: runId }, data: { status: "cancelled" } });
    expect(await trials.claim("w7", 1000)).toBeNull();
  });
});
