import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { accuracy, argmaxRows } from "../metrics/classification";
import { selectBackend } from "../tf/select-backend";
import { nodeWasmPaths } from "../../testing/nodeWasmPaths";
import { MODEL_KIND_NAMES, MODEL_KINDS, modelFromJSON } from "./registry";
import { loadDigits, loadIris, standardize, trainTestSplit } from "../../testing/modelDatasets";
import type { Matrix } from "./types";

beforeAll(async () => {
  await selectBackend({ wasmPaths: nodeWasmPaths() });
});

describe("model registry", () => {
  it("every kind's params schema fills defaults from an empty object and enforces bounds", () => {
    for (const kind of MODEL_KIND_NAMES) {
      const schema = MODEL_KINDS[kind].paramsSchema;
      const defaults = schema.parse({}) as Record<string, unknown>;
      expect(Object.keys(defaults).length).toBeGreaterThan(0);
      if ("learningRate" in defaults) expect(schema.safeParse({ learningRate: 1e9 }).success).toBe(false);
    }
    expect(MODEL_KINDS.gradient_boosting.paramsSchema.safeParse({ maxBins: 300 }).success).toBe(false);
  });

  it("fits matrix models through one interface and reloads them from JSON", async () => {
    const { train, test } = standardize(trainTestSplit(loadIris()));
    const task = { kind: "classification", classes: 3 } as const;
    for (const kind of ["gradient_boosting", "random_forest", "logistic_regression", "mlp"] as const) {
      const entry = MODEL_KINDS[kind];
      const model = await entry.fit(train.X, train.y, task, { nEstimators: 10, maxIterations: 20 }, { seed: 1 });
      const predictions = await model.predict(test.X);
      const loaded = modelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(loaded.input).toBe("matrix");
      if (loaded.input !== "matrix") continue;
      expect(Array.from(await loaded.model.predict(test.X))).toEqual(Array.from(predictions));
      expect(accuracy(test.y, argmaxRows(predictions, 3))).toBeGreaterThan(0.8);
      model.dispose();
      loaded.model.dispose();
    }
  });

  it("refuses artifacts of unknown kinds or formats", () => {
    expect(() => modelFromJSON({ format: "vajra-model/1", kind: "svm", task: { kind: "regression" }, inputs: 2, params: {}, state: {} })).toThrow();
    expect(() => modelFromJSON({ format: "other", kind: "mlp", task: { kind: "regression" }, inputs: 2, params: {}, state: {} })).toThrow();
  });

  it("CNN on 8×8 digits trains on wasm and generalises", async () => {
    const { train, test } = trainTestSplit(loadDigits());
    const scale = (X: Matrix): Matrix => ({ ...X, data: X.data.map((v) => v / 16) });
    const before = tf.memory().numTensors;
    const started = performance.now();
    const model = await MODEL_KINDS.cnn.fit(
      scale(train.X),
      train.y,
      { kind: "classification", classes: 10 },
      { filters: 8, denseUnits: 32, epochs: 6, earlyStopping: false, learningRate: 0.005 },
      { seed: 1 },
    );
    const seconds = (performance.now() - started) / 1000;
    const acc = accuracy(test.y, argmaxRows(await model.predict(scale(test.X)), 10));
    console.log(`cnn digits accuracy ${acc.toFixed(3)} in ${seconds.toFixed(1)} s (6 epochs, ${tf.getBackend()})`);
    expect(acc).toBeGreaterThanOrEqual(0.9);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
