import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExample } from "../cli/exampleRuns";
import type { TableSchema } from "../ml/table/table";
import { inMemoryDatasets } from "../runtime/datasets";
import type { RunEvent } from "../runtime/events";
import { runSpec } from "../runtime/runSpec";
import { compileGraph } from "../compiler/compile";
import { catalog } from "./catalog";
import type { Graph } from "../spec/graph";
import type { MetricsValue } from "../spec/portValues";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const datasets = inMemoryDatasets({ "iris.csv": iris });
const irisSchema: TableSchema = {
  columns: [
    ...["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"].map((name) => ({ name, type: "number" as const })),
    { name: "species", type: "category" },
  ],
};
/** Lets the compiler check the tuner before anything runs, as the canvas does. */
const withSchemas = { datasetSchemas: { "iris.csv": irisSchema } };

function tunerGraph(tuner: Record<string, unknown>, validation = 0.2): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "iris.csv" } },
      { id: "split", kind: "split", params: { train: 0.6, validation, test: 0.4 - validation, seed: 1, stratify: "species" } },
      { id: "tuner", kind: "tuner", params: { model: "random-forest", target: "species", ...tuner } },
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      { source: "split", sourceHandle: "split", target: "tuner", targetHandle: "data" },
    ],
  };
}

describe("tuner node", () => {
  it("reports each trial as an epoch and outputs the best trial's model with the trials table", async () => {
    const compiled = compileGraph(
      tunerGraph({
        algorithm: "random",
        maxTrials: 4,
        seed: 2,
        searchSpace: { nEstimators: { type: "int", min: 2, max: 30 }, maxDepth: { type: "int", min: 1, max: 4 } },
      }),
      catalog,
    );
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const events: RunEvent[] = [];
    const result = await runSpec(compiled.spec, { datasets, onEvent: (e) => events.push(e) });
    expect(result.status).toBe("succeeded");
    const epochs = events.flatMap((e) => (e.type === "epoch" && e.nodeId === "tuner" ? [e] : []));
    expect(epochs.map((e) => [e.epoch, e.epochs])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    const metrics = result.artifacts["tuner"]!["trials"]!.value as MetricsValue;
    expect(metrics.trials!.map((t) => t.trial)).toEqual([1, 2, 3, 4]);
    for (const t of metrics.trials!) {
      expect(t.params["maxDepth"]).toBeGreaterThanOrEqual(1);
      expect(t.params["maxDepth"]).toBeLessThanOrEqual(4);
      expect(t.durationMs).toBeGreaterThan(0);
      expect(t.pruned).toBe(false);
    }
    // The output model is the best trial's: re-scored on validation it gives the best trial's accuracy.
    expect(metrics.partition).toBe("validation");
    expect(metrics.values["accuracy"]).toBe(Math.max(...metrics.trials!.map((t) => t.score)));
    // Each epoch's "best" is the running maximum of the trial scores.
    expect(epochs.map((e) => e.metrics["best"])).toEqual(metrics.trials!.map((_, i) => Math.max(...metrics.trials!.slice(0, i + 1).map((t) => t.score))));
  }, 30_000);

  it("refuses an empty search space, a split without validation and unknown hyperparameters", async () => {
    const empty = compileGraph(tunerGraph({ searchSpace: {} }), catalog, withSchemas);
    expect(empty.ok).toBe(false);
    expect(empty.diagnostics.find((d) => d.nodeId === "tuner")).toMatchObject({
      param: "searchSpace",
      code: "invalid-param",
      message: expect.stringMatching(/search space is empty/),
    });
    const run = await runSpec(
      {
        specVersion: 1,
        nodes: [
          { id: "load", kind: "load", version: 1, params: { dataset: "iris.csv" }, inputs: {} },
          { id: "split", kind: "split", version: 1, params: { train: 0.6, validation: 0.2, test: 0.2 }, inputs: { table: { node: "load", output: "table" } } },
          {
            id: "tuner",
            kind: "tuner",
            version: 1,
            params: { model: "gradient-boosting", target: "species", searchSpace: {} },
            inputs: { data: { node: "split", output: "split" } },
          },
        ],
      },
      { datasets },
    );
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(/The search space is empty/);

    const caught = compileGraph(tunerGraph({}, 0), catalog, withSchemas);
    expect(caught.diagnostics.find((d) => d.nodeId === "tuner")).toMatchObject({
      port: "data",
      code: "missing-input",
      message: expect.stringMatching(/validation share above 0/),
    });
    const unknown = compileGraph(tunerGraph({ searchSpace: { learningRate: { type: "float", min: 0.01, max: 0.1 } } }), catalog, withSchemas);
    expect(unknown.diagnostics.find((d) => d.nodeId === "tuner")).toMatchObject({
      param: "searchSpace.learningRate",
      message: expect.stringMatching(/not a hyperparameter of Random forest/),
    });
  });

  it("credit_data: the tuned gradient boosting example reaches 0.787 test accuracy", async () => {
    const run = await runExample("credit_data_tuned");
    const metrics = run.result.artifacts["tuner"]!["trials"]!.value as MetricsValue;
    expect(metrics.trials).toHaveLength(12);
    // Minimising log loss: the kept model's validation log loss is the lowest trial's.
    expect(metrics.values["logLoss"]).toBeCloseTo(Math.min(...metrics.trials!.map((t) => t.score)), 10);
    const lowest = Math.min(...metrics.trials!.map((t) => t.score));
    expect(metrics.objective).toEqual({ metric: "logLoss", goal: "minimize" });
    expect(metrics.bestTrial).toEqual({ trial: metrics.trials!.find((t) => t.score === lowest)!.trial });
    // Measured 0.804 (README, "Benchmarks": scikit-learn's best 5-fold CV figure is 0.797).
    expect(run.scores[0]!.accuracy).toBeGreaterThanOrEqual(0.787);
  }, 60_000);
});
