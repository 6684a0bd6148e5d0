import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "@/server/testing/testDatabase";

const { databaseUrl, dataDir } = await useFreshDatabase();
const { db } = await import("@/server/db");
const { signedUpCaller } = await import("@/server/testing/callers");
const { irisGraph, saveGraph } = await import("@/server/testing/runFixtures");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LEASE_MS = 1500;
const children = new Set<ChildProcess>();

/**
 * `npm run worker` as a real child process sharing the test's database. tsx runs as a
 * loader in this one process (its CLI would fork a grandchild that SIGKILL does not reach).
 */
function startWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/worker/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      VAJRA_WORKER_ID: name,
      VAJRA_WORKER_LEASE_MS: String(LEASE_MS),
      VAJRA_WORKER_POLL_MS: "100",
      // The backend is part of what the test checks; a timing probe on a busy machine could pick cpu instead.
      VAJRA_TF_BACKENDS: "wasm",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (code !== 0 && signal === null) console.error(`worker ${name} exited with ${code}:\n${output}`);
  });
  children.add(child);
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const firstEpochOf = (runId: string) =>
  waitFor("the model's first epoch", async () => {
    const events = await db.runEvent.findMany({ where: { runId }, select: { payload: true } });
    return events.some((e) => (JSON.parse(e.payload) as { type: string }).type === "epoch");
  });

const finished = (runId: string, timeoutMs?: number) =>
  waitFor("the run to finish", () => db.run.findFirst({ where: { id: runId, status: { in: ["succeeded", "failed", "cancelled"] } } }), timeoutMs);

let alice: Caller;
let projectId: string;
let pipelineId: string;

beforeAll(async () => {
  alice = (await signedUpCaller("worker@example.com")).caller;
  projectId = (await alice.project.create({ name: "Workers" })).id;
  // Slow enough (a few seconds of training) to be killed mid-way.
  const mlp = { kind: "mlp", params: { target: "species", epochs: 40, batchSize: 16, hiddenUnits: 64, earlyStopping: false } };
  ({ pipelineId } = await saveGraph(alice, projectId, irisGraph({ model: mlp })));
});

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

describe("server worker processes", () => {
  it("completes a run whose worker was killed mid-training, once its lease expires, reusing finished nodes", async () => {
    const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
    const doomed = startWorker("doomed");
    await firstEpochOf(runId);
    doomed.kill("SIGKILL");
    expect(await db.run.findUnique({ where: { id: runId } })).toMatchObject({ status: "running", workerId: "doomed", attempts: 1 });

    startWorker("rescuer");
    const run = await finished(runId);
    expect(run).toMatchObject({ status: "succeeded", workerId: "rescuer", attempts: 2, backend: "wasm" });
    const detail = await alice.run.get({ projectId, runId });
    expect(detail.steps.map((s) => [s.nodeId, s.status, s.cacheHit])).toEqual([
      ["load", "succeeded", true],
      ["split", "succeeded", true],
      ["model", "succeeded", false],
      ["evaluate", "succeeded", false],
    ]);
    expect(detail.steps.find((s) => s.nodeId === "evaluate")!.metrics["accuracy"]).toBeGreaterThan(0.6);
    // Both attempts' events are there, in one unbroken sequence.
    const { events } = await alice.run.events({ projectId, runId });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.event.type === "node-started" && e.event.nodeId === "model")).toHaveLength(2);
  });

  it("stops a cancelled run at the next epoch", async () => {
    const { pipelineId: slower } = await saveGraph(
      alice,
      projectId,
      irisGraph({ model: { kind: "mlp", params: { target: "species", epochs: 400, batchSize: 16, earlyStopping: false, seed: 7 } } }),
    );
    const { runId } = await alice.run.start({ projectId, pipelineId: slower, target: "server" });
    await firstEpochOf(runId);
    const cancelledAt = Date.now();
    await alice.run.cancel({ projectId, runId });
    // The worker notices at its next heartbeat (a third of the lease) and stops at the next epoch.
    await waitFor("the model step to stop", () => db.stepRun.findFirst({ where: { runId, nodeId: "model", status: "cancelled" } }), 20_000);
    expect(Date.now() - cancelledAt).toBeLessThan(LEASE_MS * 3);
    expect((await db.run.findUnique({ where: { id: runId } }))?.status).toBe("cancelled");
    expect(await db.stepRun.findFirst({ where: { runId, nodeId: "evaluate" } })).toBeNull();
  });
});
