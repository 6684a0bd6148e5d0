import { afterAll, describe, expect, it } from "vitest";
import { accuracy, argmaxRows } from "../../metrics/classification";
import { r2Score } from "../../metrics/regression";
import { loadBreastCancer, loadDigits, loadIris, stratifiedFolds, trainTestSplit } from "../../../testing/modelDatasets";
import { configureNodeModelThreads } from "../../../cli/nodeModelThreads";
import { SeededRandom } from "../random";
import { modelThreads, provideModelThreads } from "../threads/model-threads";
import type { EpochReport, Matrix, Targets, Task } from "../types";
import { GradientBoostedTreesModel } from "./model";
import { fitGradientBoosting } from "./train";

async function heldOutAccuracy(model: GradientBoostedTreesModel, X: Matrix, y: Int32Array, classes: number) {
  return accuracy(y, argmaxRows(await model.predict(X), classes));
}

describe("histogram gradient boosting", () => {
  it("iris: ≥ 0.93 held-out accuracy (softmax, one tree per class per round)", async () => {
    const data = loadIris();
    const { train, test } = trainTestSplit(data);
    const model = await fitGradientBoosting(train.X, train.y, { kind: "classification", classes: 3 }, {}, { seed: 1 });
    const acc = await heldOutAccuracy(model, test.X, test.y, 3);
    console.log(`gbt iris accuracy ${acc.toFixed(3)}`);
    expect(acc).toBeGreaterThanOrEqual(0.93);
  });

  it("breast_cancer: ≥ 0.95 mean held-out accuracy over 5 stratified folds (binary log-loss)", async () => {
    const folds = stratifiedFolds(loadBreastCancer(), 5);
    const accuracies: number[] = [];
    for (const { train, test } of folds) {
      const model = await fitGradientBoosting(train.X, train.y, { kind: "classification", classes: 2 }, {}, { seed: 1 });
      accuracies.push(await heldOutAccuracy(model, test.X, test.y, 2));
    }
    const mean = accuracies.reduce((a, b) => a + b) / accuracies.length;
    console.log(`gbt breast_cancer 5-fold accuracies ${accuracies.map((a) => a.toFixed(3)).join(" ")} mean ${mean.toFixed(4)}`);
    expect(mean).toBeGreaterThanOrEqual(0.95);
  });

  it("digits: trains in seconds and generalises", async () => {
    const data = loadDigits();
    const { train, test } = trainTestSplit(data);
    const started = performance.now();
    const model = await fitGradientBoosting(train.X, train.y, { kind: "classification", classes: 10 }, { maxIterations: 60 }, { seed: 1 });
    const seconds = (performance.now() - started) / 1000;
    const acc = await heldOutAccuracy(model, test.X, test.y, 10);
    console.log(`gbt digits accuracy ${acc.toFixed(3)} in ${seconds.toFixed(2)} s (60 rounds × 10 trees)`);
    expect(acc).toBeGreaterThanOrEqual(0.94);
    expect(seconds).toBeLessThan(30);
  });

  it("regression: fits a nonlinear function on held-out points", async () => {
    // y = sin(x0) * 3 + x1², noise-free; 600 training rows, 200 test rows.
    const make = (rows: number, offset: number) => {
      const data = new Float32Array(rows * 2);
      const y = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        const x0 = (((r + offset) * 0.618034) % 1) * 6 - 3;
        const x1 = (((r + offset) * 0.414214) % 1) * 4 - 2;
        data[r * 2] = x0;
        data[r * 2 + 1] = x1;
        y[r] = Math.sin(x0) * 3 + x1 * x1;
      }
      return { X: { data, rows, cols: 2 }, y };
    };
    const train = make(600, 0);
    const test = make(200, 10_000);
    const model = await fitGradientBoosting(train.X, train.y, { kind: "regression" }, { maxIterations: 200, minSamplesLeaf: 5 }, { seed: 3 });
    const r2 = r2Score(test.y, await model.predict(test.X));
    expect(r2).toBeGreaterThan(0.95);
  });

  it("learns where missing values go", async () => {
    // Label is 1 exactly when x0 is missing; x1 is noise. The only useful split sends NaN one way.
    const rows = 400;
    const data = new Float32Array(rows * 2);
    const y = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      const missing = r % 3 === 0;
      data[r * 2] = missing ? NaN : (r * 7) % 11;
      data[r * 2 + 1] = (r * 13) % 17;
      y[r] = missing ? 1 : 0;
    }
    const model = await fitGradientBoosting({ data, rows, cols: 2 }, y, { kind: "classification", classes: 2 }, { maxIterations: 20 }, { seed: 1 });
    const probe = Float32Array.of(NaN, 5, 4, 5);
    const p = await model.predict({ data: probe, rows: 2, cols: 2 });
    expect(p[1]).toBeGreaterThan(0.9);
    expect(p[3]).toBeLessThan(0.1);
  });

  it("early stopping on a validation set stops and keeps the best round", async () => {
    const { train, test } = trainTestSplit(loadBreastCancer());
    const reports: EpochReport[] = [];
    const model = await fitGradientBoosting(
      train.X,
      train.y,
      { kind: "classification", classes: 2 },
      { maxIterations: 500, learningRate: 0.3, nIterNoChange: 5 },
      { seed: 1, validation: test, onEpoch: (e) => reports.push(e) },
    );
    expect(reports.length).toBeLessThan(500);
    const best = reports.reduce((a, b) => (b.valLoss! < a.valLoss! ? b : a));
    expect(model.rounds).toBe(best.epoch);
    expect(reports.length - best.epoch).toBe(5);
  });

  it("carves a validation fraction when early stopping is on", async () => {
    const { train } = trainTestSplit(loadIris());
    const reports: EpochReport[] = [];
    await fitGradientBoosting(
      train.X,
      train.y,
      { kind: "classification", classes: 3 },
      { earlyStopping: "on", maxIterations: 5 },
      {
        seed: 2,
        onEpoch: (e) => reports.push(e),
      },
    );
    expect(reports).toHaveLength(5);
    expect(reports.every((r) => r.valLoss !== undefined && r.metric !== undefined)).toBe(true);
  });

  it("is deterministic for a seed and survives a JSON round trip", async () => {
    const { train, test } = trainTestSplit(loadIris());
    const task = { kind: "classification", classes: 3 } as const;
    const params = { maxIterations: 15, earlyStopping: "on" } as const;
    const a = await fitGradientBoosting(train.X, train.y, task, params, { seed: 5 });
    const b = await fitGradientBoosting(train.X, train.y, task, params, { seed: 5 });
    const pa = await a.predict(test.X);
    expect(Array.from(await b.predict(test.X))).toEqual(Array.from(pa));
    const restored = GradientBoostedTreesModel.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Array.from(await restored.predict(test.X))).toEqual(Array.from(pa));
  });

  it("rejects bad input with clear errors", async () => {
    const X = { data: Float32Array.of(1, 2, 3, 4), rows: 2, cols: 2 };
    const task = { kind: "classification", classes: 2 } as const;
    await expect(fitGradientBoosting(X, Int32Array.of(0, 2), task, {}, { seed: 1 })).rejects.toThrow(/label 2 at row 1 is out of range/);
    await expect(fitGradientBoosting(X, Int32Array.of(0), task, {}, { seed: 1 })).rejects.toThrow(/2 rows but the target has 1/);
    await expect(fitGradientBoosting({ data: new Float32Array(0), rows: 0, cols: 2 }, new Int32Array(0), task, {}, { seed: 1 })).rejects.toThrow(/zero rows/);
    await expect(fitGradientBoosting(X, Int32Array.of(0, 1), task, { learningRate: 5 }, { seed: 1 })).rejects.toThrow();
    const model = await fitGradientBoosting(X, Int32Array.of(0, 1), task, { minSamplesLeaf: 1 }, { seed: 1 });
    await expect(model.predict({ data: new Float32Array(3), rows: 1, cols: 3 })).rejects.toThrow(/expects 2 feature columns/);
  });
});

describe("gradient boosting on worker threads", () => {
  afterAll(() => provideModelThreads(undefined));

  /** Enough rows for the threaded search; a few missing values, and a target that needs several features. */
  function table(rows: number) {
    const rng = new SeededRandom(11);
    const cols = 9;
    const data = Float32Array.from({ length: rows * cols }, (_, i) => (i % 23 === 5 ? NaN : Math.round((rng.next() - 0.5) * 400) / 100));
    const signal = Float64Array.from(
      { length: rows },
      (_, r) => (data[r * cols + 1] || 0) + 0.5 * (data[r * cols + 4] || 0) - (data[r * cols + 7] || 0) ** 2 / 4 + rng.next() - 0.5,
    );
    return { X: { data, rows, cols }, signal };
  }

  it("fits the same binary, multiclass and regression models as one thread, for the same seed", async () => {
    configureNodeModelThreads({ count: 2 });
    const host = modelThreads()!;
    let spawned = 0;
    provideModelThreads({ ...host, spawn: () => (spawned++, host.spawn()) });
    const { X, signal } = table(25_000);
    const probe = table(2_000).X;
    const cases: [Targets, Task, "on" | "off"][] = [
      [Int32Array.from(signal, (v) => (v > 0 ? 1 : 0)), { kind: "classification", classes: 2 }, "off"],
      [Int32Array.from(signal, (v) => (v > 0.8 ? 2 : v > -0.5 ? 1 : 0)), { kind: "classification", classes: 3 }, "on"],
      [signal, { kind: "regression" }, "off"],
    ];
    for (const [y, task, earlyStopping] of cases) {
      const fit = async (threads: boolean) => {
        const reports: EpochReport[] = [];
        const model = await fitGradientBoosting(X, y, task, { maxIterations: 25, earlyStopping }, { seed: 4, threads, onEpoch: (e) => reports.push(e) });
        return { model, reports };
      };
      const one = await fit(false);
      const threaded = await fit(true);
      expect(threaded.model.toJSON()).toEqual(one.model.toJSON());
      expect(threaded.reports).toEqual(one.reports);
      expect(Array.from(await threaded.model.predict(probe))).toEqual(Array.from(await one.model.predict(probe)));
    }
    // The threads were used, and kept between fits.
    expect(spawned).toBe(2);
  });
});
