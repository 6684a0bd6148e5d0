import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inMemoryDatasets } from "@/pipeline/runtime/datasets";
import { runSpec } from "@/pipeline/runtime/runSpec";
import { serializeRunResult } from "@/pipeline/runtime/serializedRunResult";
import { modelAccuracies, selfCheckSpec } from "./selfCheckPipeline";

const iris = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url));

describe("the Compute page's test pipeline", () => {
  it("trains a neural network (TensorFlow.js) and gradient-boosted trees on iris, both at ≥ 0.9 test accuracy", async () => {
    expect(selfCheckSpec.nodes.map((node) => node.kind)).toContain("mlp");
    const result = await runSpec(selfCheckSpec, { datasets: inMemoryDatasets({ "sample:iris": new Uint8Array(iris) }) });
    expect(result.status).toBe("succeeded");
    const accuracies = modelAccuracies(serializeRunResult(result));
    expect(accuracies.map((a) => a.modelNodeId).sort()).toEqual(["gbt", "mlp"]);
    for (const { accuracy } of accuracies) expect(accuracy).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
