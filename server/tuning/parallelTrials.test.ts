import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inMemoryDatasets } from "@/pipeline/runtime/datasets";
import { runSpec } from "@/pipeline/runtime/runSpec";
import type { MetricsValue } from "@/pipeline/spec/portValues";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { saveGraph } = await import("../testing/runFixtures");
const { testWorker } = await import("../testing/testWorker");
const { parseStoredSpec } = await import("../runs/specForRun");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];
type Graph = Parameters<typeof saveGraph>[2];

const at = (i: number) => ({ x: i * 200, y: 0 });
function tunerGraph(tuner: Record<string, unknown>): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "sample:iris" }, position: at(0) },
      { id: "split", kind: "split", params: { train: 0.6, validation: 0.2, test: 0.2, seed: 1, stratify: "species" }, position: at(1) },
      {
        id: "tuner",
        kind: "tuner",
        params: {
          model: "random-forest",
          target: "species",
          algorithm: "random",
          maxTrials: 8,
          parallelTrials: 4,
          seed: 3,
          searchSpace: { nEstimators: { type: "int", min: 20, max: 60 }, maxDepth: { type: "int", min: 1, max: 5 } },
          ...tuner,
        },
        position: at(2),
      },
    ],
    edges: [
      { id: "e1", source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      { id: "e2", source: "split", sourceHandle: "split", target: "tuner", targetHandle: "data" },
    ],
  };
}

const workers = await Promise.all(["w1", "w2"].map((workerId) => testWorker(workerId, { pollMs: 20 })));

async function finished(runId: string) {
  for (let i = 0; i < 1200; i++) {
    const run = await db.run.findFirst({ where: { id: runId, status: { in: ["succeeded", "failed", "cancelled"] } } });
    if (run) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("Timed out waiting for the run");
}

let alice: Caller;
let projectId: string;

beforeAll(async () => {
  alice = (await signedUpCaller("tuner@example.com")).caller;
  projectId = (await alice.project.create({ name: "Tuning" })).id;
  for (const worker of workers) worker.start();
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
});

describe("tuner trials on server workers", () => {
  it("spreads one run's trials over both workers and finds what the in-browser, one-at-a-time search finds", async () => {
    const { pipelineId, versionId } = await saveGraph(alice, projectId, tunerGraph({}));
    const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
    expect(await finished(runId)).toMatchObject({ status: "succeeded" });

    const trials = await db.tunerTrial.findMany({ where: { runId }, orderBy: { trialIndex: "asc" } });
    expect(trials.map((t) => [t.trialIndex, t.status])).toEqual(Array.from({ length: 8 }, (_, i) => [i, "succeeded"]));
    expect(new Set(trials.map((t) => t.workerId))).toEqual(new Set(["w1", "w2"]));

    // The same spec run in one process with no trial runner, as the browser runs it.
    const version = await db.pipelineVersion.findUniqueOrThrow({ where: { id: versionId } });
    const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url));
    const local = await runSpec(parseStoredSpec(version.spec!), { datasets: inMemoryDatasets({ "sample:iris": new Uint8Array(iris) }) });
    const localTrials = (local.artifacts["tuner"]!["trials"]!.value as MetricsValue).trials!;
    expect(trials.map((t) => [JSON.parse(t.task).params.nEstimators, t.score])).toEqual(localTrials.map((t) => [t.params["nEstimators"], t.score]));

    const detail = await alice.run.get({ projectId, runId });
    const tuner = detail.steps.find((s) => s.nodeId === "tuner")!;
    expect(tuner.metrics["accuracy"]).toBe(Math.max(...localTrials.map((t) => t.score)));
    // What the run panel shows while the search goes on: every trial with its worker and score.
    const live = await alice.run.trials({ projectId, runId });
    expect(live.map((t) => [t.nodeId, t.trial, t.status, t.workerId, t.score])).toEqual(
      trials.map((t) => ["tuner", t.trialIndex + 1, "succeeded", t.workerId, t.score]),
    );
    // The trials table is read back from the stored artifact, as the Runs page shows it.
    const stored = (await alice.artifact.preview({ projectId, artifactId: tuner.artifacts.find((a) => a.port === "trials")!.id })).preview;
    if (stored?.kind !== "metrics") throw new Error(`expected metrics, got ${stored?.kind}`);
    expect(stored.metrics.trials!.map((t) => [t.trial, t.score])).toEqual(localTrials.map((t) => [t.trial, t.score]));
    // The kept trial is recorded by the tuner itself: the first with the best validation accuracy.
    const bestScore = Math.max(...localTrials.map((t) => t.score));
    expect(stored.metrics.bestTrial).toEqual({ trial: localTrials.find((t) => t.score === bestScore)!.trial });
  }, 120_000);

  it("cancelling the run cancels its queued trials, and no worker trains them", async () => {
    const { pipelineId } = await saveGraph(
      alice,
      projectId,
      tunerGraph({ model: "mlp", maxTrials: 12, searchSpace: { hiddenUnits: { type: "int", min: 8, max: 64 } }, fixed: { epochs: 150, earlyStopping: false } }),
    );
    const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
    for (let i = 0; i < 600 && (await db.tunerTrial.count({ where: { runId } })) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await alice.run.cancel({ projectId, runId });
    expect(await finished(runId)).toMatchObject({ status: "cancelled" });
    // The coordinating worker notices at its next heartbeat; then no trial of the run is queued, running or claimable.
    for (let i = 0; i < 200 && (await db.stepRun.count({ where: { runId, nodeId: "tuner", status: "cancelled" } })) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await db.stepRun.count({ where: { runId, nodeId: "tuner", status: "cancelled" } })).toBe(1);
    const statuses = (await db.tunerTrial.findMany({ where: { runId }, select: { status: true } })).map((t) => t.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === "queued" || s === "running")).toEqual([]);
    expect(await db.tunerTrial.count({ where: { runId, status: "succeeded" } })).toBeLessThan(12);
  }, 120_000);
});
