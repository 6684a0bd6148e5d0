import { afterAll, describe, expect, it } from "vitest";
import { configureNodeModelThreads } from "../../../cli/nodeModelThreads";
import { accuracy, argmaxRows } from "../../metrics/classification";
import { r2Score } from "../../metrics/regression";
import { loadBreastCancer, loadDigits, loadIris, stratifiedFolds, trainTestSplit } from "../../../testing/modelDatasets";
import { modelThreads, provideModelThreads } from "../threads/model-threads";
import type { EpochReport, Matrix } from "../types";
import { RandomForestModel } from "./model";
import { fitRandomForest } from "./train";

async function heldOutAccuracy(model: RandomForestModel, X: Matrix, y: Int32Array, classes: number) {
  return accuracy(y, argmaxRows(await model.predict(X), classes));
}

describe("random forest", () => {
  it("iris: ≥ 0.93 held-out accuracy", async () => {
    const { train, test } = trainTestSplit(loadIris());
    const model = await fitRandomForest(train.X, train.y, { kind: "classification", classes: 3 }, {}, { seed: 1 });
    const acc = await heldOutAccuracy(model, test.X, test.y, 3);
    console.log(`rf iris accuracy ${acc.toFixed(3)}`);
    expect(acc).toBeGreaterThanOrEqual(0.93);
  });

  it("breast_cancer: ≥ 0.95 mean held-out accuracy over 5 stratified folds", async () => {
    const accuracies: number[] = [];
    for (const { train, test } of stratifiedFolds(loadBreastCancer(), 5)) {
      const model = await fitRandomForest(train.X, train.y, { kind: "classification", classes: 2 }, { nEstimators: 60 }, { seed: 1 });
      accuracies.push(await heldOutAccuracy(model, test.X, test.y, 2));
    }
    const mean = accuracies.reduce((a, b) => a + b) / accuracies.length;
    console.log(`rf breast_cancer 5-fold accuracies ${accuracies.map((a) => a.toFixed(3)).join(" ")} mean ${mean.toFixed(4)}`);
    expect(mean).toBeGreaterThanOrEqual(0.95);
  });

  it("digits: trains in seconds, probabilities sum to one", async () => {
    const { train, test } = trainTestSplit(loadDigits());
    const started = performance.now();
    const model = await fitRandomForest(train.X, train.y, { kind: "classification", classes: 10 }, { nEstimators: 50 }, { seed: 1 });
    const seconds = (performance.now() - started) / 1000;
    const probabilities = await model.predict(test.X);
    const acc = accuracy(test.y, argmaxRows(probabilities, 10));
    console.log(`rf digits accuracy ${acc.toFixed(3)} in ${seconds.toFixed(2)} s (50 trees)`);
    expect(acc).toBeGreaterThanOrEqual(0.93);
    for (let r = 0; r < 5; r++) expect(probabilities.subarray(r * 10, r * 10 + 10).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
  });

  it("regression with variance splits, out-of-bag progress and a JSON round trip", async () => {
    const make = (rows: number, offset: number) => {
      const data = new Float32Array(rows * 3);
      const y = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        const x = [0.618034, 0.414214, 0.732051].map((m) => (((r + offset) * m) % 1) * 4 - 2);
        data.set(x, r * 3);
        y[r] = 2 * x[0]! + (x[1]! > 0 ? 3 : -1);
      }
      return { X: { data, rows, cols: 3 }, y };
    };
    const train = make(500, 0);
    const test = make(200, 5000);
    const reports: EpochReport[] = [];
    const model = await fitRandomForest(
      train.X,
      train.y,
      { kind: "regression" },
      { nEstimators: 40, maxFeatures: "all" },
      {
        seed: 4,
        onEpoch: (e) => reports.push(e),
      },
    );
    const predictions = await model.predict(test.X);
    expect(r2Score(test.y, predictions)).toBeGreaterThan(0.95);
    expect(reports).toHaveLength(40);
    expect(reports.at(-1)!.metric).toBeGreaterThan(0.9);
    const restored = RandomForestModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(await restored.predict(test.X))).toEqual(Array.from(predictions));
  });

  it("is deterministic for a seed", async () => {
    const { train, test } = trainTestSplit(loadIris());
    const task = { kind: "classification", classes: 3 } as const;
    const a = await fitRandomForest(train.X, train.y, task, { nEstimators: 10 }, { seed: 9 });
    const b = await fitRandomForest(train.X, train.y, task, { nEstimators: 10 }, { seed: 9 });
    expect(Array.from(await b.predict(test.X))).toEqual(Array.from(await a.predict(test.X)));
  });

  it("rejects bad input with clear errors", async () => {
    const X = { data: Float32Array.of(1, 2, 3, 4), rows: 2, cols: 2 };
    await expect(fitRandomForest(X, Int32Array.of(0, -1), { kind: "classification", classes: 2 }, {}, { seed: 1 })).rejects.toThrow(/label -1 at row 1/);
    await expect(fitRandomForest(X, Float64Array.of(1, NaN), { kind: "regression" }, {}, { seed: 1 })).rejects.toThrow(/row 1 is NaN/);
  });
});

describe("random forest on worker threads", () => {
  afterAll(() => provideModelThreads(undefined));

  it("grows the same trees and reports the same out-of-bag progress as one thread, for the same seed", async () => {
    configureNodeModelThreads({ count: 2 });
    const host = modelThreads()!;
    let spawned = 0;
    provideModelThreads({ ...host, spawn: () => (spawned++, host.spawn()) });
    const { train, test } = trainTestSplit(loadBreastCancer());
    const task = { kind: "classification", classes: 2 } as const;
    const fit = async (threads: boolean) => {
      const reports: EpochReport[] = [];
      const model = await fitRandomForest(train.X, train.y, task, { nEstimators: 500 }, { seed: 5, threads, onEpoch: (e) => reports.push(e) });
      return { model, reports };
    };
    const one = await fit(false);
    expect(spawned).toBe(0);
    const threaded = await fit(true);
    expect(spawned).toBe(2);
    expect(threaded.model.toJSON()).toEqual(one.model.toJSON());
    expect(threaded.reports).toEqual(one.reports);
    expect(Array.from(await threaded.model.predict(test.X))).toEqual(Array.from(await one.model.predict(test.X)));
    // A second fit reuses the started threads.
    await fit(true);
    expect(spawned).toBe(2);
  });
});
