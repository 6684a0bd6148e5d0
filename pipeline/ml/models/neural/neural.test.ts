import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { accuracy, argmaxRows } from "../../metrics/classification";
import { r2Score } from "../../metrics/regression";
import { selectBackend } from "../../tf/select-backend";
import { nodeWasmPaths } from "../../../testing/nodeWasmPaths";
import { loadBreastCancer, loadDigits, loadIris, standardize, trainTestSplit } from "../../../testing/modelDatasets";
import type { EpochReport, Matrix } from "../types";
import { NeuralNetworkModel } from "./model";
import { fitNeuralNetwork } from "./train";

beforeAll(async () => {
  await selectBackend({ wasmPaths: nodeWasmPaths() });
});

async function heldOutAccuracy(model: NeuralNetworkModel, X: Matrix, y: Int32Array, classes: number) {
  return accuracy(y, argmaxRows(await model.predict(X), classes));
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, (performance.now() - started) / 1000];
}

describe("TF.js dense models", () => {
  it("iris: softmax regression ≥ 0.93 held-out", async () => {
    const { train, test } = standardize(trainTestSplit(loadIris()));
    const [model, seconds] = await timed(() =>
      fitNeuralNetwork("logistic_regression", train.X, train.y, { kind: "classification", classes: 3 }, { epochs: 100 }, { seed: 1 }),
    );
    const acc = await heldOutAccuracy(model, test.X, test.y, 3);
    console.log(`logistic iris accuracy ${acc.toFixed(3)} in ${seconds.toFixed(2)} s`);
    expect(acc).toBeGreaterThanOrEqual(0.93);
    model.dispose();
  });

  it("breast_cancer: logistic regression on standardised features ≥ 0.96 held-out", async () => {
    const { train, test } = standardize(trainTestSplit(loadBreastCancer()));
    const [model, seconds] = await timed(() =>
      fitNeuralNetwork("logistic_regression", train.X, train.y, { kind: "classification", classes: 2 }, { epochs: 60, l2: 0.001 }, { seed: 1 }),
    );
    const acc = await heldOutAccuracy(model, test.X, test.y, 2);
    console.log(`logistic breast_cancer accuracy ${acc.toFixed(3)} in ${seconds.toFixed(2)} s`);
    expect(acc).toBeGreaterThanOrEqual(0.96);
    model.dispose();
  });

  it("digits: MLP ≥ 0.96 held-out, with early stopping restoring the best epoch", async () => {
    const { train, test } = standardize(trainTestSplit(loadDigits()));
    const reports: EpochReport[] = [];
    const [model, seconds] = await timed(() =>
      fitNeuralNetwork(
        "mlp",
        train.X,
        train.y,
        { kind: "classification", classes: 10 },
        { hiddenUnits: 128, epochs: 40, patience: 5, learningRate: 0.003, earlyStopping: true },
        { seed: 1, onEpoch: (e) => reports.push(e) },
      ),
    );
    const acc = await heldOutAccuracy(model, test.X, test.y, 10);
    console.log(`mlp digits accuracy ${acc.toFixed(3)} in ${seconds.toFixed(2)} s over ${reports.length} epochs`);
    expect(acc).toBeGreaterThanOrEqual(0.96);
    expect(reports.every((r) => r.valLoss !== undefined)).toBe(true);
    model.dispose();
  });

  it("linear regression recovers a linear function; regression MLP fits a curve", async () => {
    const rows = 300;
    const data = new Float32Array(rows * 2);
    const yLinear = new Float64Array(rows);
    const yCurve = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = ((r * 0.618034) % 1) * 4 - 2;
      const b = ((r * 0.414214) % 1) * 4 - 2;
      data.set([a, b], r * 2);
      yLinear[r] = 300 + 50 * a - 20 * b;
      yCurve[r] = 10 * a * a + 5 * b;
    }
    const train = { data: data.subarray(0, 480), rows: 240, cols: 2 };
    const test = { data: data.subarray(480), rows: 60, cols: 2 };
    const linear = await fitNeuralNetwork("linear_regression", train, yLinear.subarray(0, 240), { kind: "regression" }, { epochs: 150, l2: 0 }, { seed: 2 });
    expect(r2Score(yLinear.subarray(240), await linear.predict(test))).toBeGreaterThan(0.999);
    const mlp = await fitNeuralNetwork("mlp", train, yCurve.subarray(0, 240), { kind: "regression" }, { epochs: 150, earlyStopping: false }, { seed: 2 });
    expect(r2Score(yCurve.subarray(240), await mlp.predict(test))).toBeGreaterThan(0.95);
    linear.dispose();
    mlp.dispose();
  });

  it("is seeded, round-trips through JSON, and leaks no tensors", async () => {
    const { train, test } = standardize(trainTestSplit(loadIris()));
    const task = { kind: "classification", classes: 3 } as const;
    const params = { epochs: 5, dropout: 0.2, hiddenUnits: 16 };
    const before = tf.memory().numTensors;
    const a = await fitNeuralNetwork("mlp", train.X, train.y, task, params, { seed: 3 });
    const b = await fitNeuralNetwork("mlp", train.X, train.y, task, params, { seed: 3 });
    const pa = await a.predict(test.X);
    expect(Array.from(await b.predict(test.X))).toEqual(Array.from(pa));
    const restored = NeuralNetworkModel.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Array.from(await restored.predict(test.X))).toEqual(Array.from(pa));
    const held = tf.memory().numTensors;
    await a.predict(test.X);
    await a.predict(test.X);
    expect(tf.memory().numTensors).toBe(held);
    [a, b, restored].forEach((m) => m.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects bad input with clear errors", async () => {
    const task = { kind: "classification", classes: 2 } as const;
    const X = { data: Float32Array.of(1, 2, 3, NaN, 5, 6), rows: 2, cols: 3 };
    await expect(fitNeuralNetwork("mlp", X, Int32Array.of(0, 1), task, {}, { seed: 1 })).rejects.toThrow(/Feature column 0 .* at row 1/);
    const clean = { data: Float32Array.of(1, 2, 3, 4, 5, 6), rows: 2, cols: 3 };
    await expect(fitNeuralNetwork("mlp", clean, Int32Array.of(0, 5), task, {}, { seed: 1 })).rejects.toThrow(/label 5 at row 1/);
    await expect(fitNeuralNetwork("mlp", clean, Int32Array.of(0), task, {}, { seed: 1 })).rejects.toThrow(/2 rows but the target has 1/);
    await expect(fitNeuralNetwork("mlp", { data: new Float32Array(0), rows: 0, cols: 3 }, new Int32Array(0), task, {}, { seed: 1 })).rejects.toThrow(
      /zero rows/,
    );
    await expect(fitNeuralNetwork("linear_regression", clean, Int32Array.of(0, 1), task, {}, { seed: 1 })).rejects.toThrow(/regression/);
    await expect(fitNeuralNetwork("cnn", clean, Int32Array.of(0, 1), task, {}, { seed: 1 })).rejects.toThrow(/8×8×1 = 64 feature columns, got 3/);
    const model = await fitNeuralNetwork("logistic_regression", clean, Int32Array.of(0, 1), task, { epochs: 1 }, { seed: 1 });
    await expect(model.predict({ data: Float32Array.of(1, NaN, 3), rows: 1, cols: 3 })).rejects.toThrow(/Feature column 1/);
    model.dispose();
  });
});
