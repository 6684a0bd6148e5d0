import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { testWorker, drainQueue } = await import("../testing/testWorker");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let alice: Caller;
let viewer: Caller;
let projectId: string;
let pipelineId: string;
const worker = await testWorker("ignore-cache-worker");

beforeAll(async () => {
  alice = (await signedUpCaller("ignore-cache@example.com")).caller;
  viewer = (await signedUpCaller("ignore-cache-viewer@example.com")).caller;
  projectId = (await alice.project.create({ name: "Ignore cache" })).id;
  ({ pipelineId } = await saveGraph(alice, projectId, irisGraph()));
  const link = await alice.shareLink.create({ projectId, role: "viewer" });
  await viewer.shareLink.accept({ token: link.token });
});

/** Starts a server run of the iris pipeline and executes it with a worker in this process. */
async function serverRun(ignoreCache: boolean) {
  const { runId } = await alice.run.start({ projectId, pipelineId, target: "server", ...(ignoreCache ? { ignoreCache } : {}) });
  await drainQueue(worker);
  const run = await alice.run.get({ projectId, runId });
  expect(run.status).toBe("succeeded");
  return {
    run,
    cached: run.steps.map((s) => s.cacheHit),
    fingerprints: run.steps.map((s) => s.fingerprint),
    accuracy: run.steps.find((s) => s.nodeId === "evaluate")!.metrics["accuracy"],
  };
}

describe("runs that ignore the cache", () => {
  it("re-execute every node, produce the same results, and leave the cache usable for the next ordinary run", async () => {
    const a = await serverRun(false);
    expect(a.cached).toEqual([false, false, false, false]);
    expect(a.run.ignoreCache).toBe(false);

    const b = await serverRun(false);
    expect(b.cached).toEqual([true, true, true, true]);

    const c = await serverRun(true);
    expect(c.run.ignoreCache).toBe(true);
    expect(c.cached).toEqual([false, false, false, false]);
    expect(c.run.steps.every((s) => s.status === "succeeded")).toBe(true);
    expect(c.fingerprints).toEqual(a.fingerprints);
    expect(c.accuracy).toBeGreaterThan(0.85);
    expect(c.accuracy).toBe(a.accuracy);
    // Its steps still find their outputs (stored once per fingerprint), so the run shows its artifacts.
    expect(c.run.steps.every((s) => s.artifacts.length > 0)).toBe(true);

    const d = await serverRun(false);
    expect(d.cached).toEqual([true, true, true, true]);
    expect(d.accuracy).toBe(a.accuracy);

    const listed = await alice.run.list({ projectId, pipelineId });
    expect(listed.map((r) => r.ignoreCache)).toEqual([false, true, false, false]);
  });

  it("is an editor's choice: a viewer still cannot start a run, with or without it", async () => {
    await expect(viewer.run.start({ projectId, pipelineId, target: "server", ignoreCache: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.run.start({ projectId, pipelineId, target: "browser" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.run.count({ where: { projectId, startedBy: { email: "ignore-cache-viewer@example.com" } } })).toBe(0);
  });

  it("is off unless asked for, and is stored on browser runs too", async () => {
    const browser = await alice.run.start({ projectId, pipelineId, target: "browser", ignoreCache: true });
    expect((await alice.run.get({ projectId, runId: browser.runId })).ignoreCache).toBe(true);
    const plain = await alice.run.start({ projectId, pipelineId, target: "browser" });
    expect((await db.run.findUniqueOrThrow({ where: { id: plain.runId } })).ignoreCache).toBe(false);
  });
});
