import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { accuracy, argmaxRows } from "../ml/metrics";
import { decodeArtifactValue, encodeArtifactValue } from "../runtime/artifactCodec";
import { inMemoryDatasets } from "../runtime/datasets";
import { runSpec, type RunResult } from "../runtime/runSpec";
import { compileGraph } from "../compiler/compile";
import { catalog } from "./catalog";
import type { Graph } from "../spec/graph";
import type { ModelArtifact, SplitValue } from "../spec/portValues";
import type { EnsembleState } from "../model/ensembleArtifact";
import { predictWithModel } from "../model/modelPrediction";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const datasets = inMemoryDatasets({ "iris.csv": iris });

const base: Graph = {
  nodes: [
    { id: "load", kind: "load", params: { dataset: "iris.csv" } },
    { id: "split", kind: "split", params: { train: 0.6, validation: 0, test: 0.4, seed: 1, stratify: "species" } },
    { id: "gbt", kind: "gradient-boosting", params: { target: "species", maxIterations: 20 } },
    { id: "forest", kind: "random-forest", params: { target: "species", nEstimators: 20 } },
    { id: "logistic", kind: "logistic-regression", params: { target: "species" } },
  ],
  edges: [
    { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
    ...["gbt", "forest", "logistic"].map((id) => ({ source: "split", sourceHandle: "split", target: id, targetHandle: "data" })),
  ],
};

async function runEnsemble(params: Record<string, unknown>, models: string[], withData: boolean, extra: Partial<Graph> = {}): Promise<RunResult> {
  const graph: Graph = {
    nodes: [...base.nodes, ...(extra.nodes ?? []), { id: "ensemble", kind: "ensemble", params }],
    edges: [
      ...(base.edges ?? []),
      ...(extra.edges ?? []),
      ...models.map((id, i) => ({ source: id, sourceHandle: "model", target: "ensemble", targetHandle: `model${i + 1}` })),
      ...(withData ? [{ source: "split", sourceHandle: "split", target: "ensemble", targetHandle: "data" }] : []),
    ],
  };
  const compiled = compileGraph(graph, catalog);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return runSpec(compiled.spec, { datasets });
}

const artifactOf = (result: RunResult, id: string) => {
  if (result.status !== "succeeded") throw new Error(`${result.error?.nodeId}: ${result.error?.message}`);
  return result.artifacts[id]!["model"]!.value as ModelArtifact;
};
const testOf = (result: RunResult) => (result.artifacts["split"]!["split"]!.value as SplitValue).test;

describe("ensemble node", () => {
  it("voting and weighted averaging combine the members' probabilities as hand-computed", async () => {
    const weights = [3, 1, 0];
    for (const [method, check] of [
      ["soft-voting", (p: number[][], k: number) => (p[0]![k]! + p[1]![k]! + p[2]![k]!) / 3],
      ["weighted-average", (p: number[][], k: number) => (3 * p[0]![k]! + p[1]![k]!) / 4],
      ["hard-voting", (p: number[][], k: number) => p.filter((row) => row.indexOf(Math.max(...row)) === k).length / 3],
    ] as const) {
      const result = await runEnsemble({ method, weights }, ["gbt", "forest", "logistic"], false);
      const test = testOf(result);
      const members = await Promise.all(["gbt", "forest", "logistic"].map((id) => predictWithModel(artifactOf(result, id), test, true)));
      const ensemble = await predictWithModel(artifactOf(result, "ensemble"), test, true);
      for (const r of [0, 7, 23, 41]) {
        const rows = members.map((m) => Array.from(m.scores.subarray(r * 3, r * 3 + 3)));
        for (let k = 0; k < 3; k++) expect(ensemble.scores[r * 3 + k]).toBeCloseTo(check(rows, k), 5);
      }
    }
  }, 30_000);

  it("is one deployable artifact: it survives the artifact codec and predicts raw rows", async () => {
    const result = await runEnsemble({ method: "soft-voting" }, ["gbt", "forest"], false);
    const artifact = artifactOf(result, "ensemble");
    expect(artifact.modelKind).toBe("ensemble");
    expect(artifact.classes).toEqual(["setosa", "versicolor", "virginica"]);
    const shipped = decodeArtifactValue(JSON.parse(JSON.stringify(encodeArtifactValue(artifact)))) as ModelArtifact;
    const test = testOf(result);
    expect(Array.from((await predictWithModel(shipped, test, false)).scores)).toEqual(Array.from((await predictWithModel(artifact, test, false)).scores));
  });

  it("stacking learns a meta-model on out-of-fold predictions; bagging retrains model1 on resamples", async () => {
    // Test accuracy on 60 held-out iris rows (a third of each species) each must reach. A tree
    // meta-learner on 90 rows of out-of-fold probabilities is coarse: on the very features this
    // split gives it, scikit-learn's HistGradientBoostingClassifier also scores 0.85, where
    // logistic regression (the default, as in scikit-learn's StackingClassifier) scores 0.93.
    for (const [params, models, bar] of [
      [{ method: "stacking", folds: 3, seed: 1 }, ["gbt", "forest"], 0.9],
      [{ method: "stacking", folds: 3, metaLearner: "gradient_boosting", seed: 1 }, ["gbt", "forest"], 0.8],
      [{ method: "bagging", estimators: 4, seed: 1 }, ["forest"], 0.9],
    ] as const) {
      const result = await runEnsemble(params, [...models], true);
      const artifact = artifactOf(result, "ensemble");
      const state = artifact.model as EnsembleState;
      expect(state.members).toHaveLength(params.method === "bagging" ? 4 : 2);
      expect(state.meta !== undefined).toBe(params.method === "stacking");
      // Bootstrap resamples differ, so the bagged members are different models.
      if (params.method === "bagging") expect(new Set(state.members.map((m) => JSON.stringify(m.model))).size).toBe(4);
      const output = await predictWithModel(artifact, testOf(result), true);
      expect(accuracy(output.y as Int32Array, argmaxRows(output.scores, 3))).toBeGreaterThanOrEqual(bar);
    }
  }, 60_000);

  it("refuses models with different label sets, and too few models", async () => {
    const twoSpecies: Partial<Graph> = {
      nodes: [
        { id: "filter", kind: "filter-rows", params: { expression: 'species != "setosa"' } },
        { id: "split2", kind: "split", params: { seed: 1 } },
        { id: "forest2", kind: "random-forest", params: { target: "species", nEstimators: 5 } },
      ],
      edges: [
        { source: "load", sourceHandle: "table", target: "filter", targetHandle: "table" },
        { source: "filter", sourceHandle: "table", target: "split2", targetHandle: "table" },
        { source: "split2", sourceHandle: "split", target: "forest2", targetHandle: "data" },
      ],
    };
    const result = await runEnsemble({ method: "soft-voting" }, ["gbt", "forest2"], false, twoSpecies);
    expect(result.status).toBe("failed");
    expect(result.error?.nodeId).toBe("ensemble");
    expect(result.error?.message).toBe("Models predict different label sets: model 1 has [setosa, versicolor, virginica], model 2 has [versicolor, virginica]");
    const tooFew = await runEnsemble({ method: "soft-voting" }, ["gbt"], false);
    expect(tooFew.error?.diagnostics?.[0]).toMatchObject({ nodeId: "ensemble", port: "model2", code: "missing-input" });
    expect(tooFew.error?.message).toMatch(/combines at least 2 models: connect model2/);
  }, 30_000);
});
