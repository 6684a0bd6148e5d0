import { beforeAll, describe, expect, it } from "vitest";
import { nodeWasmPaths } from "../../../testing/nodeWasmPaths";
import { loadDigits } from "../../../testing/modelDatasets";
import { accuracy, argmaxRows } from "../../metrics/classification";
import { selectBackend } from "../../tf/select-backend";
import { takeRows, takeTargets } from "../holdout";
import type { EpochReport, Matrix } from "../types";
import { fitNeuralNetwork } from "./train";

/** scikit-learn 1.2.1's MLPClassifier with its defaults on the same rows, mean of random_state 0..4 (0.9694–0.9861): bench/mlp-reference.py. */
const SKLEARN_DIGITS_ACCURACY = 0.9772;

beforeAll(async () => {
  await selectBackend({ wasmPaths: nodeWasmPaths() });
});

/** digits with every fifth row held out, standardised on the training rows (population std; a constant column keeps scale 1), as the reference script does. */
function digitsEveryFifthHeldOut(): { train: { X: Matrix; y: Int32Array }; test: { X: Matrix; y: Int32Array } } {
  const { X, y } = loadDigits();
  const rows = Int32Array.from({ length: X.rows }, (_, r) => r);
  const [fit, holdout] = [rows.filter((r) => r % 5 !== 0), rows.filter((r) => r % 5 === 0)];
  const mean = new Float64Array(X.cols);
  const variance = new Float64Array(X.cols);
  for (const r of fit) for (let c = 0; c < X.cols; c++) mean[c]! += X.data[r * X.cols + c]! / fit.length;
  for (const r of fit) for (let c = 0; c < X.cols; c++) variance[c]! += (X.data[r * X.cols + c]! - mean[c]!) ** 2 / fit.length;
  const scaled = { ...X, data: X.data.map((v, i) => (v - mean[i % X.cols]!) / (Math.sqrt(variance[i % X.cols]!) || 1)) };
  return { train: { X: takeRows(scaled, fit), y: takeTargets(y, fit) }, test: { X: takeRows(scaled, holdout), y: takeTargets(y, holdout) } };
}

describe("MLP with its defaults (scikit-learn's)", () => {
  it("digits: within a point of MLPClassifier on the same rows, stopping on the training loss like it", async () => {
    const { train, test } = digitsEveryFifthHeldOut();
    const reports: EpochReport[] = [];
    const model = await fitNeuralNetwork("mlp", train.X, train.y, { kind: "classification", classes: 10 }, {}, { seed: 0, onEpoch: (e) => reports.push(e) });
    const acc = accuracy(test.y, argmaxRows(await model.predict(test.X), 10));
    model.dispose();
    console.log(`mlp digits (defaults) ${acc.toFixed(4)} after ${reports.length} epochs; MLPClassifier ${SKLEARN_DIGITS_ACCURACY}`);
    expect(acc).toBeGreaterThanOrEqual(SKLEARN_DIGITS_ACCURACY - 0.01);
    // No rows held out by default, so no validation loss; the run ended because each of the last 11 epochs fell short of the best loss before it by tol 1e-4.
    expect(reports.every((r) => r.valLoss === undefined)).toBe(true);
    expect(reports.length).toBeLessThan(200);
    const losses = reports.map((r) => r.loss);
    const stalled = (epoch: number) => losses[epoch]! > Math.min(...losses.slice(0, epoch)) - 1e-4;
    expect(Array.from({ length: 11 }, (_, i) => stalled(losses.length - 11 + i))).toEqual(new Array(11).fill(true));
    expect(stalled(losses.length - 12)).toBe(false);
  });
});
