import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inMemoryDatasets } from "@/pipeline/runtime/datasets";
import { runSpec } from "@/pipeline/runtime/runSpec";
import { pipelineSpecSchema } from "@/pipeline/spec/spec";
import type { ModelArtifact } from "@/pipeline/spec/portValues";
import { parseInstances } from "./instances";
import { PredictionBatcher } from "./predictionBatcher";
import { predictInstances } from "./predictions";
import { signatureOf } from "./signature";

// The iris example's gradient-boosted trees, without the logistic branch (no TF.js needed here).
const example = pipelineSpecSchema.parse(JSON.parse(readFileSync("examples/iris.json", "utf8")));
const spec = { ...example, nodes: example.nodes.filter((n) => ["load", "split", "gbt"].includes(n.id)) };
const datasets = inMemoryDatasets({ "sample:iris": readFileSync("public/datasets/iris.csv") });

const ROWS = [
  [5.1, 3.5, 1.4, 0.2],
  [7.0, 3.2, 4.7, 1.4],
  [6.3, 3.3, 6.0, 2.5],
  [5.9, 3.0, 5.1, 1.8],
  [4.9, 3.1, 1.5, 0.1],
];
const instances = (rows: number[][], key: string) => ({
  instances: rows.map((r, i) => ({
    key: `${key}${i}`,
    features: { sepal_length_cm: r[0], sepal_width_cm: r[1], petal_length_cm: r[2], petal_width_cm: r[3] },
  })),
});

describe("prediction batching", () => {
  it("merges concurrent requests into one predict call and answers each exactly as alone", async () => {
    const result = await runSpec(spec, { datasets });
    const model = result.artifacts["gbt"]!["model"]!.value as ModelArtifact;
    const signature = signatureOf(model);
    const batcher = new PredictionBatcher({ model, signature });
    const requests = [ROWS.slice(0, 1), ROWS.slice(1, 4), ROWS.slice(4)].map((rows, r) => parseInstances(instances(rows, `r${r}-`), signature, 1000));

    const batched = await Promise.all(requests.map((parsed) => batcher.predict(parsed)));
    const alone = await Promise.all(requests.map((parsed) => predictInstances(model, parsed)));

    expect(batcher.batches).toBe(1);
    expect(batched).toEqual(alone);
    expect(batched.map((p) => p.map((x) => x.key))).toEqual([["r0-0"], ["r1-0", "r1-1", "r1-2"], ["r2-0"]]);
    expect(batched[0]![0]!.label).toBe("setosa");

    await batcher.predict(requests[1]!);
    expect(batcher.batches).toBe(2);
  });
});
