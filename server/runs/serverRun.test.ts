import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { testWorker, drainQueue: drain } = await import("../testing/testWorker");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let alice: Caller;
let projectId: string;
let pipelineId: string;
const worker = await testWorker("test-worker");

/** Executes every queued run in this process (the child-process worker is tested in server/worker). */
const drainQueue = () => drain(worker);

beforeAll(async () => {
  alice = (await signedUpCaller("alice@example.com")).caller;
  const demo = (await alice.project.list()).find((p) => p.name.startsWith("Demo"))!;
  projectId = demo.id;
  pipelineId = (await alice.pipeline.list({ projectId }))[0]!.id;
});

describe("server runs", () => {
  let firstRunId: string;
  let editedRunId: string;

  it("runs the demo iris pipeline to completion with metrics, steps and events", async () => {
    const started = await alice.run.start({ projectId, pipelineId, target: "server" });
    expect(started).toMatchObject({ status: "queued", target: "server", version: { number: 1 } });
    firstRunId = started.runId;
    await drainQueue();

    const run = await alice.run.get({ projectId, runId: firstRunId });
    expect(run).toMatchObject({ status: "succeeded", attempts: 1, backend: "cpu", error: null, startedBy: { email: "alice@example.com" } });
    expect(run.durationMs).toBeGreaterThan(0);
    expect(run.steps.map((s) => [s.nodeId, s.status, s.cacheHit])).toEqual([
      ["load", "succeeded", false],
      ["split", "succeeded", false],
      ["model", "succeeded", false],
      ["evaluate", "succeeded", false],
    ]);
    const evaluate = run.steps.find((s) => s.nodeId === "evaluate")!;
    expect(evaluate.metrics["accuracy"]).toBeGreaterThan(0.85);
    expect(evaluate.artifacts).toEqual([expect.objectContaining({ port: "metrics", portType: "Metrics", producedById: evaluate.id })]);
    expect(run.datasetVersions["sample:iris"]?.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const { events, finished } = await alice.run.events({ projectId, runId: firstRunId, afterSeq: -1 });
    expect(finished).toBe(false);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.event.type === "node-finished").map((e) => e.event.nodeId)).toEqual(["load", "split", "model", "evaluate"]);
    const drained = await alice.run.events({ projectId, runId: firstRunId, afterSeq: events.at(-1)!.seq });
    expect(drained).toMatchObject({ events: [], finished: true, status: "succeeded" });

    const list = await alice.run.list({ projectId, pipelineId });
    expect(list[0]).toMatchObject({ id: firstRunId, target: "server", status: "succeeded", version: { number: 1 }, startedBy: { email: "alice@example.com" } });
  });

  it("streams the same events and then the final status through the watch subscription", async () => {
    const stream = await alice.run.watch({ projectId, runId: firstRunId });
    const received: { type: string; status: string | null }[] = [];
    // Through a server-side caller, each item is the tracked envelope [id, data]; over SSE the client gets { id, data }.
    for await (const item of stream) received.push((item as unknown as [string, typeof item.data])[1]);
    const { events } = await alice.run.events({ projectId, runId: firstRunId });
    expect(received.filter((r) => r.type === "event")).toHaveLength(events.length);
    expect(received.at(-1)).toMatchObject({ type: "status", status: "succeeded" });
  });

  it("re-executes only the Evaluate node after only its params were edited", async () => {
    const graph = irisGraph({ model: { kind: "gradient-boosting", params: { target: "species" } }, evaluate: { partition: "train" } });
    // A name given in the canvas inspector: results read by it from now on (the node id stays the cache key).
    graph.nodes.find((n) => n.id === "evaluate")!.label = "Training fit";
    const { pipelineId: id } = await saveGraph(alice, projectId, graph, pipelineId);
    const started = await alice.run.start({ projectId, pipelineId: id, target: "server" });
    editedRunId = started.runId;
    await drainQueue();
    const run = await alice.run.get({ projectId, runId: editedRunId });
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((s) => [s.nodeId, s.cacheHit])).toEqual([
      ["load", true],
      ["split", true],
      ["model", true],
      ["evaluate", false],
    ]);
    expect(run.steps.filter((s) => s.cacheHit)).toHaveLength(3);
    expect(run.steps.find((s) => s.nodeId === "evaluate")!.metrics["accuracy"]).toBeGreaterThan(0.9);
    expect(run.steps.map((s) => s.label)).toEqual([null, null, null, "Training fit"]);
  });

  it("lists runs with their Evaluate metrics, named as in each run's version", async () => {
    const list = await alice.run.list({ projectId, pipelineId });
    const evaluationsOf = (runId: string) => list.find((r) => r.id === runId)!.evaluations;
    expect(evaluationsOf(editedRunId)).toEqual([
      { nodeId: "evaluate", label: "Training fit", metrics: expect.objectContaining({ accuracy: expect.any(Number) }) },
    ]);
    expect(evaluationsOf(firstRunId)).toEqual([{ nodeId: "evaluate", label: null, metrics: expect.objectContaining({ accuracy: expect.any(Number) }) }]);
    const { id: otherPipeline } = await alice.pipeline.create({ projectId, name: "Nothing run yet" });
    expect(await alice.run.list({ projectId, pipelineId: otherPipeline })).toEqual([]);
  });

  it("stores every epoch of a server run's training, and replays that curve for the step that reused the model from the cache", async () => {
    const epochsOf = async (runId: string) =>
      (await alice.run.events({ projectId, runId })).events.flatMap(({ event }) => (event.type === "epoch" && event.nodeId === "model" ? [event] : []));
    const trained = await epochsOf(firstRunId);
    // Boosting reports a round at a time, far faster than the write interval: none may be dropped.
    expect(trained.length).toBeGreaterThan(3);
    expect(trained.map((e) => e.epoch)).toEqual(trained.map((_, i) => trained[0]!.epoch + i));
    const reused = await epochsOf(editedRunId);
    expect(reused).toEqual(trained);
    // A browser run that reuses the model asks for the same curve.
    const model = (await alice.run.get({ projectId, runId: editedRunId })).steps.find((s) => s.nodeId === "model")!;
    expect(await alice.run.stepCurve({ projectId, fingerprint: model.fingerprint })).toEqual(trained);
    const { events } = await alice.run.events({ projectId, runId: editedRunId });
    const modelFinished = events.findIndex(({ event }) => event.type === "node-finished" && event.nodeId === "model");
    const lastEpoch = events.findLastIndex(({ event }) => event.type === "epoch" && event.nodeId === "model");
    expect(lastEpoch).toBeLessThan(modelFinished);
  });

  it("compares two runs node by node", async () => {
    const { nodes, runs } = await alice.run.compare({ projectId, runIds: [firstRunId, editedRunId] });
    expect(runs.map((r) => r.version.number)).toEqual([1, 2]);
    const evaluate = nodes.find((n) => n.nodeId === "evaluate")!;
    expect(evaluate.label).toBe("Training fit");
    expect(nodes.find((n) => n.nodeId === "model")!.label).toBeNull();
    expect(evaluate.paramsEqual).toBe(false);
    expect(evaluate.params.map((p) => p?.["partition"])).toEqual(["test", "train"]);
    expect(evaluate.metrics[0]!["accuracy"]).not.toBe(evaluate.metrics[1]!["accuracy"]);
    expect(nodes.find((n) => n.nodeId === "model")!.paramsEqual).toBe(true);
  });

  it("traces an artifact back to its run, version, node params, dataset and upstream artifacts", async () => {
    const run = await alice.run.get({ projectId, runId: editedRunId });
    const metricsArtifact = run.steps.find((s) => s.nodeId === "evaluate")!.artifacts[0]!;
    const lineage = await alice.artifact.lineage({ projectId, artifactId: metricsArtifact.id });
    expect(lineage.run?.id).toBe(editedRunId);
    expect(lineage.pipelineVersion?.number).toBe(2);
    expect(lineage.node).toMatchObject({ id: "evaluate", kind: "evaluate", params: expect.objectContaining({ partition: "train" }) });
    expect(lineage.artifact.label).toBe("Training fit");
    expect(lineage.step?.label).toBe("Training fit");
    expect(lineage.datasets).toEqual([{ reference: "sample:iris", contentHash: run.datasetVersions["sample:iris"]!.contentHash, version: null }]);
    expect(lineage.upstream.map((u) => `${u.nodeId}.${u.port}`).sort()).toEqual(["load.table", "model.model", "split.split"]);
    expect(lineage.artifact.inputs.map((i) => i.port).sort()).toEqual(["data", "model"]);
    // The model was computed by the first run; this run reused it.
    const model = await alice.artifact.lineage({ projectId, artifactId: lineage.upstream.find((u) => u.nodeId === "model")!.id });
    expect(model.run?.id).toBe(firstRunId);
  });

  it("summarises stored artifacts for display without re-running: metrics with their confusion matrix, tables, nothing for models", async () => {
    const run = await alice.run.get({ projectId, runId: firstRunId });
    const artifactOf = (nodeId: string) => run.steps.find((s) => s.nodeId === nodeId)!.artifacts[0]!;
    const evaluate = run.steps.find((s) => s.nodeId === "evaluate")!;
    const stored = await alice.artifact.preview({ projectId, artifactId: artifactOf("evaluate").id });
    expect(stored.portType).toBe("Metrics");
    if (stored.preview?.kind !== "metrics") throw new Error(`expected metrics, got ${stored.preview?.kind}`);
    const { metrics } = stored.preview;
    expect(metrics.values["accuracy"]).toBe(evaluate.metrics["accuracy"]);
    expect(metrics.classes).toEqual(["setosa", "versicolor", "virginica"]);
    // Every test row is counted once in the confusion matrix, and its diagonal is the accuracy.
    const confusion = metrics.confusion!;
    const total = confusion.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(metrics.rows);
    expect(confusion.reduce((sum, row, i) => sum + row[i]!, 0) / total).toBeCloseTo(metrics.values["accuracy"]!, 10);

    const table = await alice.artifact.preview({ projectId, artifactId: artifactOf("load").id });
    expect(table.preview).toMatchObject({
      kind: "table",
      table: { rowCount: 150, columns: expect.arrayContaining([{ name: "species", type: expect.any(String) }]) },
    });
    const split = await alice.artifact.preview({ projectId, artifactId: artifactOf("split").id });
    if (split.preview?.kind !== "split") throw new Error(`expected split, got ${split.preview?.kind}`);
    expect(split.preview.parts.map((p) => p.table.rowCount).reduce((a, b) => a + b, 0)).toBe(150);

    expect(await alice.artifact.preview({ projectId, artifactId: artifactOf("model").id })).toEqual({ portType: "Model", preview: null });
    const bob = (await signedUpCaller("bob-metrics@example.com")).caller;
    await expect(bob.artifact.preview({ projectId, artifactId: artifactOf("model").id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("fails the run with the failing node's error and keeps upstream artifacts cached", async () => {
    const { pipelineId: id } = await saveGraph(alice, projectId, irisGraph({ filter: "species > 3" }));
    const failed = await alice.run.start({ projectId, pipelineId: id, target: "server" });
    await drainQueue();
    const run = await alice.run.get({ projectId, runId: failed.runId });
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ nodeId: "filter", message: expect.stringMatching(/species/) });
    expect(run.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["load", "succeeded"],
      ["filter", "failed"],
    ]);
    const { events } = await alice.run.events({ projectId, runId: failed.runId });
    expect(events.at(-1)!.event).toMatchObject({ type: "node-failed", nodeId: "filter" });

    await saveGraph(alice, projectId, irisGraph({ filter: "petal_length_cm > 0" }), id);
    const fixed = await alice.run.start({ projectId, pipelineId: id, target: "server" });
    await drainQueue();
    const rerun = await alice.run.get({ projectId, runId: fixed.runId });
    expect(rerun.status).toBe("succeeded");
    expect(rerun.steps.map((s) => [s.nodeId, s.cacheHit])).toEqual([
      ["load", true],
      ["filter", false],
      ["split", false],
      ["model", false],
      ["evaluate", false],
    ]);
  });

  it("runs to a target node only", async () => {
    const started = await alice.run.start({ projectId, pipelineId, target: "server", targetNodeId: "split" });
    expect(started.spec.nodes.map((n) => n.id)).toEqual(["load", "split"]);
    await drainQueue();
    const run = await alice.run.get({ projectId, runId: started.runId });
    expect(run).toMatchObject({ status: "succeeded", targetNodeId: "split" });
    expect(run.steps.map((s) => s.nodeId)).toEqual(["load", "split"]);
  });

  it("cancels a queued run so no worker takes it", async () => {
    const started = await alice.run.start({ projectId, pipelineId, target: "server" });
    expect(await alice.run.cancel({ projectId, runId: started.runId })).toEqual({ runId: started.runId, status: "cancelled" });
    expect(await worker.runOnce()).toBe(false);
  });

  it("pins the project dataset version at enqueue and records it in lineage", async () => {
    const csv = (rows: string[]) => ["x,y,species", ...rows].join("\n");
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 10},${(i * 7) % 10},${i % 3 === 0 ? "a" : "b"}`);
    const v1 = await alice.dataset.upload({ projectId, name: "toy", fileName: "toy.csv", content: csv(rows) });
    expect(v1).toMatchObject({ created: true, version: { number: 1, rowCount: 60, format: "csv" } });
    expect(await alice.dataset.upload({ projectId, name: "toy", fileName: "toy.csv", content: csv(rows) })).toMatchObject({
      created: false,
      version: { number: 1 },
    });
    expect((await alice.dataset.list({ projectId })).find((d) => d.kind === "project")).toMatchObject({ reference: v1.reference, name: "toy" });

    const { pipelineId: id } = await saveGraph(alice, projectId, irisGraph({ dataset: v1.reference }));
    const started = await alice.run.start({ projectId, pipelineId: id, target: "server" });
    expect(started.datasetVersions[v1.reference]).toEqual({ versionId: v1.version.id, contentHash: v1.version.contentHash });
    // A newer upload after the run was queued must not change what the run reads.
    const v2 = await alice.dataset.upload({ projectId, name: "toy", fileName: "toy.csv", content: csv(rows.slice(0, 45)) });
    expect(v2.version.number).toBe(2);
    await drainQueue();
    const run = await alice.run.get({ projectId, runId: started.runId });
    expect(run.status).toBe("succeeded");
    const loadArtifact = run.steps.find((s) => s.nodeId === "load")!.artifacts[0]!;
    const lineage = await alice.artifact.lineage({ projectId, artifactId: loadArtifact.id });
    expect(lineage.datasets).toEqual([
      { reference: v1.reference, contentHash: v1.version.contentHash, version: expect.objectContaining({ id: v1.version.id, number: 1 }) },
    ]);
    const versions = await alice.dataset.versions({ projectId, datasetId: v1.datasetId });
    expect(versions.versions.map((v) => [v.number, v.rowCount])).toEqual([
      [2, 45],
      [1, 60],
    ]);
  });

  it("deleting a pipeline drops its runs but keeps the project's artifacts, so models and the cache survive", async () => {
    const run = await alice.run.get({ projectId, runId: firstRunId });
    const model = run.steps.find((s) => s.nodeId === "model")!.artifacts[0]!;
    const artifactsBefore = await db.artifact.count({ where: { projectId } });
    await alice.pipeline.delete({ projectId, pipelineId });
    expect(await db.run.count({ where: { pipelineId } })).toBe(0);
    expect(await db.artifact.count({ where: { projectId } })).toBe(artifactsBefore);
    const lineage = await alice.artifact.lineage({ projectId, artifactId: model.id });
    expect(lineage).toMatchObject({ run: null, step: null });
  });

  it("refuses to run a saved pipeline with no nodes, saying what to do, and creates no run", async () => {
    const empty = await saveGraph(alice, projectId, { nodes: [], edges: [] });
    const runsBefore = await db.run.count({ where: { pipelineId: empty.pipelineId } });
    for (const target of ["server", "browser"] as const) {
      await expect(alice.run.start({ projectId, pipelineId: empty.pipelineId, target })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/no nodes yet: add a Load dataset node/),
      });
    }
    expect(await db.run.count({ where: { pipelineId: empty.pipelineId } })).toBe(runsBefore);
  });
});
