import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { DatabaseJobQueue } = await import("./databaseJobQueue");

let clock = new Date("2030-01-01T00:00:00Z");
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const queue = new DatabaseJobQueue(db, { maxAttempts: 2, now: () => clock });
let projectId: string;
let pipelineId: string;
let start: () => Promise<string>;

beforeAll(async () => {
  const { caller } = await signedUpCaller("queue@example.com");
  const demo = (await caller.project.list())[0]!;
  projectId = demo.id;
  pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
  start = async () => (await caller.run.start({ projectId, pipelineId, target: "server" })).runId;
});

async function drain() {
  await db.run.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled" } });
}

describe("DatabaseJobQueue", () => {
  it("hands each queued run to exactly one of several concurrent claimers, oldest first", async () => {
    await drain();
    const first = await start();
    const second = await start();
    const claims = await Promise.all(["w1", "w2", "w3", "w4"].map((w) => queue.claim(w, 1000)));
    const claimed = claims.flatMap((c) => (c ? [c.runId] : []));
    expect(claimed.sort()).toEqual([first, second].sort());
    expect(claims.filter((c) => c === null)).toHaveLength(2);
    const rows = await db.run.findMany({ where: { id: { in: [first, second] } } });
    expect(rows.every((r) => r.status === "running" && r.attempts === 1 && r.workerId !== null && r.startedAt !== null)).toBe(true);
  });

  it("lets another worker re-claim a run whose lease expired, and only then", async () => {
    await drain();
    const runId = await start();
    expect((await queue.claim("w1", 1000))?.runId).toBe(runId);
    advance(999);
    expect(await queue.claim("w2", 1000)).toBeNull();
    expect(await queue.heartbeat(runId, "w1", 1000)).toBe("ok");
    advance(999);
    expect(await queue.claim("w2", 1000)).toBeNull();
    advance(2);
    const reclaimed = await queue.claim("w2", 1000);
    expect(reclaimed).toMatchObject({ runId, attempt: 2 });
    // The first worker finds out at its next heartbeat, and cannot complete the run.
    expect(await queue.heartbeat(runId, "w1", 1000)).toBe("lost");
    expect(await queue.complete(runId, "w1", { status: "succeeded" })).toBe(false);
    expect(await queue.complete(runId, "w2", { status: "succeeded", backend: "wasm" })).toBe(true);
    expect(await db.run.findUnique({ where: { id: runId } })).toMatchObject({ status: "succeeded", backend: "wasm", attempts: 2, leaseExpiresAt: null });
  });

  it("gives up with a clear error after the maximum number of attempts", async () => {
    await drain();
    const runId = await start();
    expect(await queue.claim("w1", 100)).toMatchObject({ attempt: 1 });
    advance(101);
    expect(await queue.claim("w2", 100)).toMatchObject({ attempt: 2 });
    advance(101);
    expect(await queue.claim("w3", 100)).toBeNull();
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("failed");
    expect(JSON.parse(run.error!).message).toMatch(/Gave up after 2 attempts/);
  });

  it("reports a cancelled run at heartbeat, and release hands a run back without counting the attempt", async () => {
    await drain();
    const cancelled = await start();
    await queue.claim("w1", 1000);
    await db.run.update({ where: { id: cancelled }, data: { status: "cancelled" } });
    expect(await queue.heartbeat(cancelled, "w1", 1000)).toBe("cancelled");
    expect(await queue.complete(cancelled, "w1", { status: "cancelled" })).toBe(false);

    const released = await start();
    await queue.claim("w1", 1000);
    expect(await queue.release(released, "w1")).toBe(true);
    expect(await db.run.findUnique({ where: { id: released } })).toMatchObject({ status: "queued", attempts: 0, workerId: null });
    expect(await queue.claim("w2", 1000)).toMatchObject({ runId: released, attempt: 1 });
  });

  it("never hands out browser runs", async () => {
    await drain();
    const { caller } = await signedUpCaller("browser-queue@example.com");
    const demo = (await caller.project.list())[0]!;
    const pipeline = (await caller.pipeline.list({ projectId: demo.id }))[0]!;
    await caller.run.start({ projectId: demo.id, pipelineId: pipeline.id, target: "browser" });
    expect(await queue.claim("w1", 1000)).toBeNull();
  });
});
