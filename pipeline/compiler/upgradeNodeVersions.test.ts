import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fileDatasets } from "../cli/fileDatasets";
import { catalog } from "../nodes/catalog";
import { readDatasetSchemas } from "../runtime/datasetSchemas";
import { loadSpec } from "../spec/jsonSchema";
import type { PipelineSpec } from "../spec/spec";
import { checkSpec, upgradeNodeVersions } from "./checkSpec";

const EXAMPLES_DIRECTORY = fileURLToPath(new URL("../../examples/", import.meta.url));

/** examples/iris.json with its logistic regression node as a spec written for version `version` would hold it. */
function irisWithLogistic(version: number, params: Record<string, unknown>): PipelineSpec {
  const loaded = loadSpec(JSON.parse(readFileSync(`${EXAMPLES_DIRECTORY}iris.json`, "utf8")));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return { ...loaded.spec, nodes: loaded.spec.nodes.map((node) => (node.kind === "logistic-regression" ? { ...node, version, params } : node)) };
}

describe("node versions", () => {
  it("a logistic regression written for version 1 (TF.js gradient descent) compiles as version 2 without the optimiser's params", async () => {
    const spec = irisWithLogistic(1, { target: "species", epochs: 100, batchSize: 32, learningRate: 0.05, l2: 0.0001, earlyStopping: false, seed: 3 });
    const { schemas } = await readDatasetSchemas(spec, fileDatasets(EXAMPLES_DIRECTORY), { catalog });
    const checked = checkSpec(spec, catalog, { datasetSchemas: schemas });
    if (!checked.ok) expect.fail(JSON.stringify(checked.diagnostics));
    const logistic = checked.spec.nodes.find((node) => node.kind === "logistic-regression")!;
    expect(logistic.version).toBe(2);
    expect(logistic.params).toEqual({ target: "species", task: "auto", seed: 3, C: 1, maxIterations: 100, solver: "auto" });
    expect(upgradeNodeVersions(spec, catalog).nodes.find((node) => node.kind === "logistic-regression")!.params).toEqual({ target: "species", seed: 3 });
  });

  it("a node written for a version this build has no path from stays an unsupported-version error", () => {
    const newer = irisWithLogistic(3, { target: "species" });
    expect(checkSpec(newer, catalog).diagnostics).toContainEqual(expect.objectContaining({ nodeId: "logistic", code: "unsupported-version" }));
    const newerEvaluate = { ...newer, nodes: newer.nodes.map((node) => (node.kind === "evaluate" ? { ...node, version: 2 } : node)) };
    expect(
      upgradeNodeVersions(newerEvaluate, catalog)
        .nodes.filter((node) => node.kind === "evaluate")
        .every((node) => node.version === 2),
    ).toBe(true);
  });
});
