import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileGraph } from "../compiler/compile";
import { schemaOf } from "../ml/table/table";
import { readCsv } from "../ml/table/read-csv";
import { MemoryArtifactCache } from "../runtime/artifactCache";
import { inMemoryDatasets } from "../runtime/datasets";
import { runSpec } from "../runtime/runSpec";
import type { Graph } from "../spec/graph";
import type { ModelRegistryPort, RegisterRequest } from "../spec/modelRegistry";
import type { MetricsValue } from "../spec/portValues";
import { serverOnlyReason } from "../spec/sideEffects";
import { catalog } from "./catalog";
import { decidePromotion, outcomeMessage } from "./deployPromotion";
import { EVALUATE_METRICS } from "./evaluateMetrics";

const penguinsCsv = readFileSync(new URL("../../public/datasets/penguins.csv", import.meta.url), "utf8");
const datasetSchemas = { "penguins.csv": schemaOf(readCsv(new TextEncoder().encode(penguinsCsv))) };
const datasets = inMemoryDatasets({ "penguins.csv": penguinsCsv });

/** Load → split → model → evaluate → deploy on penguins; `metrics: false` leaves the Evaluate output unwired. */
function deployGraph(deploy: Record<string, unknown>, options: { metrics?: boolean; model?: Graph["nodes"][number] } = {}): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "penguins.csv" } },
      { id: "split", kind: "split", params: { stratify: "species", seed: 7 } },
      options.model ?? { id: "model", kind: "gradient-boosting", params: { target: "species", maxIterations: 10 } },
      { id: "evaluate", kind: "evaluate", params: {} },
      { id: "deploy", kind: "deploy", params: deploy },
    ],
    edges: [
      { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
      { source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
      { source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
      { source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
      { source: "model", sourceHandle: "model", target: "deploy", targetHandle: "model" },
      ...(options.metrics === false ? [] : [{ source: "evaluate", sourceHandle: "metrics", target: "deploy", targetHandle: "metrics" }]),
    ],
  };
}

const diagnosticsOf = (graph: Graph) =>
  compileGraph(graph, catalog, { datasetSchemas }).diagnostics.map((d) => ({ param: d.param, port: d.port, code: d.code, message: d.message }));

describe("Deploy node params and wiring", () => {
  it("compiles with a model name alone: alias champion, rule metric-at-least on the wired metrics", () => {
    const compiled = compileGraph(deployGraph({ modelName: "penguins" }), catalog, { datasetSchemas });
    expect(compiled.diagnostics).toEqual([]);
    if (!compiled.ok) return;
    expect(compiled.spec.nodes.at(-1)).toMatchObject({ kind: "deploy", params: { modelName: "penguins", alias: "champion", rule: "metric-at-least" } });
  });

  it("asks for a model name and a valid alias", () => {
    expect(diagnosticsOf(deployGraph({}))).toEqual([{ param: "modelName", port: undefined, code: "invalid-param", message: '"modelName" is required' }]);
    expect(diagnosticsOf(deployGraph({ modelName: "  " }))).toEqual([
      expect.objectContaining({ param: "modelName", message: "modelName: Give the model a name." }),
    ]);
    expect(diagnosticsOf(deployGraph({ modelName: "penguins", alias: "Champion" }))).toEqual([
      expect.objectContaining({ param: "alias", message: expect.stringContaining("lowercase letters, digits, - or _, starting with a letter") }),
    ]);
  });

  it("needs the metrics wired for the metric rule, not for always", () => {
    expect(diagnosticsOf(deployGraph({ modelName: "penguins" }, { metrics: false }))).toEqual([
      {
        param: undefined,
        port: "metrics",
        code: "missing-input",
        message:
          "The rule metric-at-least compares this run's metrics with the champion holder's: connect an Evaluate node's metrics here, or set the rule to always",
      },
    ]);
    expect(diagnosticsOf(deployGraph({ modelName: "penguins", rule: "always" }, { metrics: false }))).toEqual([]);
  });

  it("refuses a metric of the other task, naming the ones that fit", () => {
    expect(diagnosticsOf(deployGraph({ modelName: "penguins", metric: "rmse" }))).toEqual([
      {
        param: "metric",
        port: undefined,
        code: "invalid-param",
        message: "rmse is a regression metric, but this model does classification: choose one of accuracy, macroF1, weightedF1, rocAuc, logLoss",
      },
    ]);
    expect(diagnosticsOf(deployGraph({ modelName: "penguins", metric: "logLoss" }))).toEqual([]);
  });

  it("marks pipelines with a Deploy node as server-only, and only those", () => {
    const compiled = compileGraph(deployGraph({ modelName: "penguins" }), catalog, { datasetSchemas });
    if (!compiled.ok) throw new Error("did not compile");
    expect(serverOnlyReason(compiled.spec, catalog)).toBe("Deploy registers models on the server");
    expect(serverOnlyReason({ nodes: compiled.spec.nodes.filter((n) => n.kind !== "deploy") }, catalog)).toBeUndefined();
  });
});

describe("promotion rule", () => {
  const alias = "champion";
  const accuracy = (version: number, value: number) => ({ version, metrics: { accuracy: value } });

  it("sets the alias when nobody holds it, and leaves it when the candidate already holds it", () => {
    expect(decidePromotion({ rule: { kind: "always" }, alias, candidate: accuracy(1, 0.5), holder: null })).toEqual({
      move: true,
      reason: "no version held champion yet",
    });
    expect(decidePromotion({ rule: { kind: "metric-at-least", metric: "accuracy" }, alias, candidate: accuracy(3, 0.9), holder: accuracy(3, 0.9) })).toEqual({
      move: false,
      reason: "",
    });
  });

  it("moves on an equal or better score, keeps the holder on a worse one", () => {
    const rule = { kind: "metric-at-least", metric: "accuracy" } as const;
    expect(decidePromotion({ rule, alias, candidate: accuracy(4, 0.962), holder: accuracy(3, 0.958) })).toMatchObject({
      move: true,
      reason: "accuracy 0.962 ≥ 0.958 of v3",
    });
    expect(decidePromotion({ rule, alias, candidate: accuracy(4, 0.958), holder: accuracy(3, 0.958) }).move).toBe(true);
    expect(decidePromotion({ rule, alias, candidate: accuracy(4, 0.951), holder: accuracy(3, 0.958) })).toEqual({
      move: false,
      comparison: { metric: "accuracy", lowerIsBetter: false, candidate: 0.951, holder: 0.958 },
      reason: "accuracy 0.951 < 0.958",
    });
    // Values equal to three decimals get the digits that tell them apart.
    expect(decidePromotion({ rule, alias, candidate: accuracy(4, 0.95111), holder: accuracy(3, 0.95123) }).reason).toBe("accuracy 0.9511 < 0.9512");
  });

  it("reads errors and losses as lower is better", () => {
    const rule = { kind: "metric-at-least", metric: "rmse" } as const;
    const rmse = (version: number, value: number) => ({ version, metrics: { rmse: value } });
    expect(decidePromotion({ rule, alias, candidate: rmse(2, 0.41), holder: rmse(1, 0.48) })).toMatchObject({
      move: true,
      reason: "rmse 0.410 ≤ 0.480 of v1, lower is better",
    });
    expect(decidePromotion({ rule, alias, candidate: rmse(2, 0.52), holder: rmse(1, 0.48) })).toMatchObject({
      move: false,
      reason: "rmse 0.520 > 0.480, lower is better",
    });
  });

  it("keeps a holder with no value to compare, and says how to move it anyway", () => {
    const decision = decidePromotion({
      rule: { kind: "metric-at-least", metric: "accuracy" },
      alias,
      candidate: accuracy(2, 0.9),
      holder: { version: 1, metrics: {} },
    });
    expect(decision).toMatchObject({
      move: false,
      reason: 'v1 has no accuracy on record to compare with (move champion in the model registry, or use the rule "always")',
    });
    expect(() => decidePromotion({ rule: { kind: "metric-at-least", metric: "r2" }, alias, candidate: accuracy(2, 0.9), holder: accuracy(1, 0.8) })).toThrow(
      "This run's metrics have no r2 to compare with v1",
    );
  });

  it("says in one line what happened", () => {
    const base = { modelName: "churn", alias, version: 4, created: true, moved: false, previousVersion: 3 };
    expect(outcomeMessage(base, "accuracy 0.951 < 0.958")).toBe("registered churn v4; champion stays v3: accuracy 0.951 < 0.958");
    expect(outcomeMessage({ ...base, moved: true }, "accuracy 0.962 ≥ 0.958 of v3")).toBe("registered churn v4; champion → v4 (accuracy 0.962 ≥ 0.958 of v3)");
    expect(outcomeMessage({ ...base, version: 3, created: false }, "")).toBe("churn v3 already holds this model; champion stays v3");
  });
});

/** Records what the Deploy node asks of the host, answering as a registry holding nothing would. */
class RecordingRegistry implements ModelRegistryPort {
  readonly requests: RegisterRequest[] = [];
  async register(request: RegisterRequest) {
    this.requests.push(request);
    return { modelName: request.modelName, version: 1, created: true, alias: request.alias, moved: true, previousVersion: null, message: "registered" };
  }
}

describe("running a Deploy node", () => {
  const compiled = compileGraph(deployGraph({ modelName: "penguins" }), catalog, { datasetSchemas });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));

  it("fails with a clear message where no registry is offered (browser, CLI)", async () => {
    const result = await runSpec(compiled.spec, { datasets });
    expect(result.status).toBe("failed");
    expect(result.error).toEqual({
      nodeId: "deploy",
      message: "Deploy registers models in the project's model registry, which only a server worker can do: run this pipeline on a server worker.",
    });
  });

  it("hands the host the model's fingerprint and this run's metrics, and runs again on a warm cache", async () => {
    const cache = new MemoryArtifactCache();
    const registry = new RecordingRegistry();
    const first = await runSpec(compiled.spec, { datasets, cache, modelRegistry: registry });
    expect(first.status).toBe("succeeded");
    const model = first.steps.find((s) => s.nodeId === "model")!;
    const metrics = first.artifacts["evaluate"]!["metrics"]!.value as MetricsValue;
    expect(registry.requests[0]).toEqual({
      modelName: "penguins",
      alias: "champion",
      rule: { kind: "metric-at-least", metric: "accuracy" },
      model: { fingerprint: model.fingerprint, output: "model", hash: model.outputs["model"]!.hash },
      metrics: metrics.values,
    });
    // The Evaluate node reports exactly the names the Metric picker offers.
    expect(EVALUATE_METRICS.classification).toEqual(expect.arrayContaining(Object.keys(metrics.values)));

    const second = await runSpec(compiled.spec, { datasets, cache, modelRegistry: registry });
    expect(second.steps.map((s) => [s.nodeId, s.cached])).toEqual([
      ["load", true],
      ["split", true],
      ["model", true],
      ["evaluate", true],
      ["deploy", false],
    ]);
    expect(registry.requests).toHaveLength(2);
    expect(registry.requests[1]!.model).toEqual(registry.requests[0]!.model);
  });
});
