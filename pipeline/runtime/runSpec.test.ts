import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileGraph } from "../compiler/compile";
import { catalog } from "../nodes/catalog";
import type { Graph } from "../spec/graph";
import type { MetricsValue } from "../spec/portValues";
import type { PipelineSpec } from "../spec/spec";
import { MemoryArtifactCache, writeOnly } from "./artifactCache";
import { decodeArtifactValue, encodeArtifactValue } from "./artifactCodec";
import { hashArtifactValue } from "./artifactHash";
import { inMemoryDatasets } from "./datasets";
import type { RunEvent } from "./events";
import { runSpec } from "./runSpec";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const datasets = inMemoryDatasets({ "iris.csv": iris, "empty.csv": "a,b\n", "tiny.csv": "x,label\n1,a\n2,b\n3,a\n4,b\n" });

function irisGraph(evaluateParams: Record<string, unknown> = {}, filter = "petal_length_cm > 0"): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "iris.csv" } },
      { id: "filter", kind: "filter-rows", params: { expression: filter } },
      { id: "split", kind: "split", params: { train: 0.7, test: 0.3, seed: 3, stratify: "species" } },
      { id: "model", kind: "gradient-boosting", params: { target: "species", maxIterations: 30 } },
      { id: "evaluate", kind: "evaluate", params: evaluateParams },
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "filter", targetHandle: "table" },
      { source: "filter", sourceHandle: "table", target: "split", targetHandle: "table" },
      { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
      { source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
      { source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
    ],
  };
}

function compiled(graph: Graph): PipelineSpec {
  const result = compileGraph(graph, catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.spec;
}

describe("runSpec", () => {
  it("runs iris end to end, emits events, and reuses the cache for unchanged nodes", async () => {
    const cache = new MemoryArtifactCache();
    const events: RunEvent[] = [];
    const first = await runSpec(compiled(irisGraph()), { datasets, cache, onEvent: (e) => events.push(e) });
    expect(first.status).toBe("succeeded");
    const metrics = first.artifacts["evaluate"]!["metrics"]!.value as MetricsValue;
    expect(metrics.partition).toBe("test");
    expect(metrics.rows).toBe(45);
    expect(metrics.values["accuracy"]).toBeGreaterThan(0.85);
    expect(metrics.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(45);
    expect(events.filter((e) => e.type === "node-finished").map((e) => e.nodeId)).toEqual(["load", "filter", "split", "model", "evaluate"]);
    expect(events.some((e) => e.type === "epoch" && e.nodeId === "model")).toBe(true);
    expect(events.some((e) => e.type === "metric" && e.name === "accuracy")).toBe(true);
    expect(first.steps.every((step) => !step.cached)).toBe(true);

    const againEvents: RunEvent[] = [];
    const again = await runSpec(compiled(irisGraph()), { datasets, cache, onEvent: (e) => againEvents.push(e) });
    expect(again.steps.map((step) => step.cached)).toEqual([true, true, true, true, true]);
    // A cached evaluation reports the same numbers again, so a re-run still shows them.
    const metricEvents = (list: RunEvent[]) => list.filter((e) => e.type === "metric" && e.nodeId === "evaluate");
    expect(metricEvents(againEvents)).toEqual(metricEvents(events));
    expect(again.steps.map((s) => s.fingerprint)).toEqual(first.steps.map((s) => s.fingerprint));

    // Editing the last node re-executes only it.
    const edited = await runSpec(compiled(irisGraph({ partition: "train" })), { datasets, cache });
    expect(edited.steps.map((step) => step.cached)).toEqual([true, true, true, true, false]);
    expect((edited.artifacts["evaluate"]!["metrics"]!.value as MetricsValue).rows).toBe(105);
  });

  it("re-executes downstream when the dataset bytes change under the same reference", async () => {
    const cache = new MemoryArtifactCache();
    const spec = compiled(irisGraph());
    await runSpec(spec, { datasets, cache });
    const shuffled = [iris.split("\n")[0], ...iris.trim().split("\n").slice(1).reverse()].join("\n");
    const rerun = await runSpec(spec, { datasets: inMemoryDatasets({ "iris.csv": shuffled }), cache });
    expect(rerun.status).toBe("succeeded");
    expect(rerun.steps[0]!.cached).toBe(false);
  });

  it("re-executes every node through a write-only cache and leaves fresh outputs for the next run", async () => {
    const cache = new MemoryArtifactCache();
    const spec = compiled(irisGraph());
    const first = await runSpec(spec, { datasets, cache });
    const ignoring = await runSpec(spec, { datasets, cache: writeOnly(cache) });
    expect(ignoring.steps.map((step) => step.cached)).toEqual([false, false, false, false, false]);
    expect(ignoring.steps.map((s) => s.outputs)).toEqual(first.steps.map((s) => s.outputs));

    cache.clear();
    await runSpec(spec, { datasets, cache: writeOnly(cache) });
    expect(cache.size).toBe(5);
    const after = await runSpec(spec, { datasets, cache });
    expect(after.steps.map((step) => step.cached)).toEqual([true, true, true, true, true]);
  });

  it("fails the run with the failing node's id and keeps upstream artifacts cached", async () => {
    const cache = new MemoryArtifactCache();
    const events: RunEvent[] = [];
    // Valid syntax and columns, but a category cannot be compared with a number: only running finds that.
    const result = await runSpec(compiled(irisGraph({}, "species > 3")), { datasets, cache, onEvent: (e) => events.push(e) });
    expect(result.status).toBe("failed");
    expect(result.error?.nodeId).toBe("filter");
    expect(result.error?.message).toMatch(/species/);
    expect(events.at(-1)).toMatchObject({ type: "node-failed", nodeId: "filter" });
    expect(Object.keys(result.artifacts)).toEqual(["load"]);
    const retry = await runSpec(compiled(irisGraph()), { datasets, cache });
    expect(retry.steps[0]!.cached).toBe(true);
  });

  it("rejects a spec whose column params do not match the real dataset before running anything", async () => {
    const graph = irisGraph();
    graph.nodes[3] = { id: "model", kind: "gradient-boosting", params: { target: "Species" } };
    const result = await runSpec(compiled(graph), { datasets });
    expect(result.status).toBe("failed");
    expect(result.steps).toEqual([]);
    expect(result.error?.diagnostics).toEqual([expect.objectContaining({ nodeId: "model", param: "target", code: "unknown-column" })]);
  });

  it("fails clearly on an empty dataset", async () => {
    const graph: Graph = { nodes: [{ id: "load", kind: "load", params: { dataset: "empty.csv" } }], edges: [] };
    const result = await runSpec(compiled(graph), { datasets });
    expect(result.status).toBe("failed");
    expect(result.error).toMatchObject({ nodeId: "load" });
    expect(result.error?.message).toMatch(/no rows/);
  });

  it("fails clearly on a dataset that does not exist", async () => {
    const graph: Graph = { nodes: [{ id: "load", kind: "load", params: { dataset: "nope.csv" } }], edges: [] };
    const result = await runSpec(compiled(graph), { datasets });
    expect(result.error).toMatchObject({ nodeId: "load", message: 'Dataset "nope.csv" not found' });
  });

  it("stops between nodes when cancelled", async () => {
    const controller = new AbortController();
    const result = await runSpec(compiled(irisGraph()), {
      datasets,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === "node-finished" && event.nodeId === "filter") controller.abort();
      },
    });
    expect(result.status).toBe("cancelled");
    expect(Object.keys(result.artifacts)).toEqual(["load", "filter"]);
  });

  it("produces identical artifacts when the same spec runs twice without a cache", async () => {
    const first = await runSpec(compiled(irisGraph()), { datasets });
    const second = await runSpec(compiled(irisGraph()), { datasets });
    expect(second.steps.map((step) => step.outputs)).toEqual(first.steps.map((step) => step.outputs));
  });

  it("produces artifacts that survive JSON serialisation with the same content hash", async () => {
    const result = await runSpec(compiled(irisGraph()), { datasets });
    for (const outputs of Object.values(result.artifacts)) {
      for (const artifact of Object.values(outputs)) {
        const shipped = JSON.parse(JSON.stringify(encodeArtifactValue(artifact.value)));
        expect(hashArtifactValue(decodeArtifactValue(shipped))).toBe(artifact.hash);
      }
    }
  });

  it("with keepArtifacts false lets go of outputs and dataset bytes once their last reader has run, with the same results", async () => {
    const resolved: string[] = [];
    const counting = { resolve: (reference: string) => (resolved.push(reference), datasets.resolve(reference)) };
    const kept = await runSpec(compiled(irisGraph()), { datasets });
    const cache = new MemoryArtifactCache();
    const released = await runSpec(compiled(irisGraph()), { datasets: counting, cache, keepArtifacts: false });
    expect(released.status).toBe("succeeded");
    expect(released.steps).toEqual(kept.steps.map((step) => ({ ...step, durationMs: expect.any(Number) })));
    // Only the evaluation is read by no node; every output still went to the cache.
    expect(Object.entries(released.artifacts).flatMap(([node, outputs]) => Object.keys(outputs).map((port) => `${node}.${port}`))).toEqual([
      "evaluate.metrics",
    ]);
    expect(released.artifacts["evaluate"]).toEqual(kept.artifacts["evaluate"]);
    expect(cache.size).toBe(5);
    // Read for the schemas, the fingerprint and the Load node: once, then let go after Load.
    expect(resolved).toEqual(["iris.csv"]);
  });
});
