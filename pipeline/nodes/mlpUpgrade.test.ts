import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fileDatasets } from "../cli/fileDatasets";
import { checkSpec } from "../compiler/checkSpec";
import { readDatasetSchemas } from "../runtime/datasetSchemas";
import { loadSpec } from "../spec/jsonSchema";
import type { PipelineSpec } from "../spec/spec";
import { catalog } from "./catalog";
import { keepVersion1Training } from "./mlpUpgrade";

const EXAMPLES_DIRECTORY = fileURLToPath(new URL("../../examples/", import.meta.url));

/** examples/iris.json with its logistic regression swapped for an MLP written for version 1. */
function irisWithVersion1Mlp(params: Record<string, unknown>): PipelineSpec {
  const loaded = loadSpec(JSON.parse(readFileSync(`${EXAMPLES_DIRECTORY}iris.json`, "utf8")));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return {
    ...loaded.spec,
    nodes: loaded.spec.nodes.map((node) => (node.kind === "logistic-regression" ? { ...node, kind: "mlp", version: 1, params } : node)),
  };
}

describe("MLP node version 1 → 2", () => {
  it("keeps what version 1 trained: its defaults where the spec left them out, l2 as the same penalty alpha = 2 · batchSize · l2", () => {
    expect(keepVersion1Training({ target: "species", epochs: 30, batchSize: 64 })).toEqual({
      target: "species",
      learningRate: 0.01,
      batchSize: 64,
      epochs: 30,
      earlyStopping: true,
      patience: 10,
      validationFraction: 0.1,
      hiddenLayers: 1,
      hiddenUnits: 64,
      activation: "relu",
      dropout: 0,
      alpha: 0.0128,
      tol: 1e-6,
    });
    expect(keepVersion1Training({ l2: 0.001, earlyStopping: false })).toMatchObject({ alpha: 0.064, batchSize: 32, earlyStopping: false });
  });

  it("a spec written for version 1 compiles as version 2", async () => {
    const spec = irisWithVersion1Mlp({ target: "species", seed: 4, hiddenUnits: 16, l2: 0 });
    const { schemas } = await readDatasetSchemas(spec, fileDatasets(EXAMPLES_DIRECTORY), { catalog });
    const checked = checkSpec(spec, catalog, { datasetSchemas: schemas });
    if (!checked.ok) expect.fail(JSON.stringify(checked.diagnostics));
    const mlp = checked.spec.nodes.find((node) => node.kind === "mlp")!;
    expect(mlp.version).toBe(2);
    expect(mlp.params).toMatchObject({ target: "species", seed: 4, hiddenUnits: 16, alpha: 0, tol: 1e-6, learningRate: 0.01, batchSize: 32, epochs: 100 });
    expect(mlp.params).not.toHaveProperty("l2");
  });
});
