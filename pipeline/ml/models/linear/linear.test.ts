import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../testing/parseCsv";
import { accuracy, argmaxRows } from "../../metrics/classification";
import { r2Score } from "../../metrics/regression";
import { loadBreastCancer, loadDigits, loadIris, standardize, trainTestSplit } from "../../../testing/modelDatasets";
import { configureNodeModelThreads } from "../../../cli/nodeModelThreads";
import { modelFromJSON } from "../registry";
import { modelThreads, provideModelThreads } from "../threads/model-threads";
import { checkSerializedModel } from "../validate-model";
import type { EpochReport, Matrix } from "../types";
import { LinearModel } from "./model";
import { fitLinearRegression, fitLogisticRegression } from "./train";

/**
 * scikit-learn 1.2.1's coefficients on the same standardised data, printed once by
 * bench/linear-models-reference.py (Ridge(solver="cholesky"); LogisticRegression(C=1,
 * tol=1e-12) with its Newton solvers, multinomial for iris, intercepts centred).
 */
const REFERENCE = {
  ridgeAlpha1: {
    coef: [
      10476.0320636, -38113.9247366, 18643.6060236, -29339.4382654, 267576.765728, -22608.3008404, -92461.886753, -18489.9310188, 112450.91936, -12752.5829511,
    ],
    intercept: [654889.103511],
  },
  ridgeAlpha0: {
    coef: [
      10419.6572165, -39515.7979252, 17772.9148205, -33710.8403646, 273622.024746, -22606.6445413, -90999.1709452, -18456.9804696, 112040.242636,
      -12497.6767735,
    ],
    intercept: [654889.103514],
  },
  binaryLogistic: {
    coef: [
      0.363092536913, 0.387675424744, 0.351062175906, 0.435609754445, 0.161831111828, -0.562653987052, 0.859917067392, 0.962280191669, -0.0762090104703,
      -0.322226214246, 1.29094227836, -0.268921927122, 0.659974591441, 1.01255772792, 0.277212962807, -0.736324000878, -0.11053933748, 0.33340757149,
      -0.295792983426, -0.680919653, 1.02926226049, 1.31460768531, 0.823347394567, 1.01070679391, 0.670681975592, -0.0445643153433, 0.873333994511,
      0.912003156896, 0.887837304832, 0.479818844393,
    ],
    intercept: [-0.214502726293],
  },
  multinomialLogistic: {
    coef: [
      -1.07406614816, 1.16011512359, -1.93069183022, -1.8115561503, 0.587810236038, -0.361840632303, -0.363431051146, -0.826269550221, 0.486255912118,
      -0.798274491292, 2.29412288137, 2.63782570052,
    ],
    intercept: [-0.205241145751, 2.07483978445, -1.8695986387],
  },
};
const TOLERANCE = 1e-4;

const RIDGE_FEATURES = [
  "mean_texture",
  "mean_smoothness",
  "mean_compactness",
  "mean_concavity",
  "mean_concave_points",
  "mean_symmetry",
  "mean_fractal_dimension",
  "texture_error",
  "area_error",
  "smoothness_error",
];

function readTable(file: string): { column: (name: string) => string[]; header: string[] } {
  const [header, ...rows] = parseCsv(readFileSync(new URL(`../../../../public/datasets/${file}`, import.meta.url), "utf8"));
  const complete = rows.filter((row) => row.length === header!.length);
  return { header: header!, column: (name) => complete.map((row) => row[header!.indexOf(name)]!) };
}

/** As the reference script does it: population mean and std in float64, the result held as float32. */
function standardisedMatrix(columns: number[][]): Matrix {
  const rows = columns[0]!.length;
  const cols = columns.length;
  const data = new Float32Array(rows * cols);
  columns.forEach((values, c) => {
    const mean = values.reduce((a, b) => a + b, 0) / rows;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / rows);
    values.forEach((v, r) => (data[r * cols + c] = (v - mean) / std));
  });
  return { data, rows, cols };
}

function maxAbsDifference(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  return Math.max(...expected.map((e, i) => Math.abs(actual[i]! - e)));
}

function ridgeProblem() {
  const table = readTable("breast_cancer.csv");
  const X = standardisedMatrix(RIDGE_FEATURES.map((name) => table.column(name).map(Number)));
  const y = Float64Array.from(table.column("mean_area"), (v) => Number(v) * 1000);
  return { X, y };
}

describe("exact linear models agree with scikit-learn", () => {
  it.each([
    ["ridge, alpha 1", 1, REFERENCE.ridgeAlpha1],
    ["least squares, alpha 0", 0, REFERENCE.ridgeAlpha0],
  ] as const)("%s on a target around 650,000 (coefficients within 1e-4 of the target's std)", async (_, alpha, reference) => {
    const { X, y } = ridgeProblem();
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const yStd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
    const model = await fitLinearRegression(X, y, { kind: "regression" }, { alpha }, { seed: 0 });
    const { weights, intercepts } = model.fitted();
    const difference = Math.max(maxAbsDifference(weights, reference.coef), maxAbsDifference(intercepts, reference.intercept)) / yStd;
    console.log(`ridge alpha ${alpha}: max |ours − sklearn| = ${difference.toExponential(2)} target std`);
    expect(difference).toBeLessThan(TOLERANCE);
    expect(r2Score(y, await model.predict(X))).toBeGreaterThan(0.9);
  });

  it.each(["newton", "lbfgs"] as const)("binary logistic regression on breast_cancer (%s)", async (solver) => {
    const table = readTable("breast_cancer.csv");
    const X = standardisedMatrix(table.header.filter((name) => name !== "diagnosis").map((name) => table.column(name).map(Number)));
    const y = Int32Array.from(table.column("diagnosis"), (label) => (label === "malignant" ? 1 : 0));
    const model = await fitLogisticRegression(X, y, { kind: "classification", classes: 2 }, { solver, maxIterations: 1000 }, { seed: 0 });
    const { weights, intercepts } = model.fitted();
    const difference = Math.max(maxAbsDifference(weights, REFERENCE.binaryLogistic.coef), maxAbsDifference(intercepts, REFERENCE.binaryLogistic.intercept));
    console.log(`binary logistic (${solver}): max |ours − sklearn| = ${difference.toExponential(2)}`);
    expect(difference).toBeLessThan(TOLERANCE);
  });

  it.each(["newton", "lbfgs"] as const)("multinomial logistic regression on iris (%s)", async (solver) => {
    const table = readTable("iris.csv");
    const X = standardisedMatrix(table.header.filter((name) => name !== "species").map((name) => table.column(name).map(Number)));
    const names = [...new Set(table.column("species"))].sort();
    const y = Int32Array.from(table.column("species"), (label) => names.indexOf(label));
    const model = await fitLogisticRegression(X, y, { kind: "classification", classes: 3 }, { solver, maxIterations: 1000 }, { seed: 0 });
    const { weights, intercepts } = model.fitted();
    const difference = Math.max(
      maxAbsDifference(weights, REFERENCE.multinomialLogistic.coef),
      maxAbsDifference(intercepts, REFERENCE.multinomialLogistic.intercept),
    );
    console.log(`multinomial logistic (${solver}): max |ours − sklearn| = ${difference.toExponential(2)}`);
    expect(difference).toBeLessThan(TOLERANCE);
  });
});

describe("linear models in use", () => {
  it("logistic regression reaches its accuracy bars on held-out rows (iris ≥ 0.93, breast_cancer ≥ 0.96, digits ≥ 0.95)", async () => {
    for (const [name, data, bar] of [
      ["iris", loadIris(), 0.93],
      ["breast_cancer", loadBreastCancer(), 0.96],
      ["digits", loadDigits(), 0.95],
    ] as const) {
      const { train, test } = standardize(trainTestSplit(data));
      const task = { kind: "classification" as const, classes: data.classNames.length };
      const model = await fitLogisticRegression(train.X, train.y, task, {}, { seed: 0 });
      const acc = accuracy(test.y, argmaxRows(await model.predict(test.X), task.classes));
      console.log(`logistic ${name} held-out accuracy ${acc.toFixed(3)}`);
      expect(acc).toBeGreaterThanOrEqual(bar);
    }
  });

  it.each(["newton", "lbfgs"] as const)("reports each %s step as an epoch, with a falling penalised mean log-loss", async (solver) => {
    const { train } = standardize(trainTestSplit(loadIris()));
    const epochs: EpochReport[] = [];
    await fitLogisticRegression(train.X, train.y, { kind: "classification", classes: 3 }, { solver }, { seed: 0, onEpoch: (report) => epochs.push(report) });
    expect(epochs.length).toBeGreaterThan(2);
    expect(epochs.map((e) => e.epoch)).toEqual(epochs.map((_, i) => i + 1));
    epochs.slice(1).forEach((report, i) => expect(report.loss).toBeLessThanOrEqual(epochs[i]!.loss));
    expect(epochs.at(-1)!.loss).toBeLessThan(Math.log(3));
  });

  it("round-trips through JSON, passes the artifact check and predicts the same", async () => {
    const { X, y } = ridgeProblem();
    const model = await fitLinearRegression(X, y, { kind: "regression" }, {}, { seed: 0 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    checkSerializedModel(json, { inputs: X.cols, task: { kind: "regression" } });
    const loaded = modelFromJSON(json);
    expect(loaded.model).toBeInstanceOf(LinearModel);
    expect(await loaded.model.predict(X as never)).toEqual(await model.predict(X));
    const broken = { ...json, state: { ...json.state, intercepts: json.state.coefficients } };
    expect(() => checkSerializedModel(broken)).toThrow(/intercepts/);
  });

  it("refuses the wrong task and stops when aborted", async () => {
    const X: Matrix = { data: Float32Array.of(0, 1, 2, 3), rows: 4, cols: 1 };
    await expect(fitLinearRegression(X, Int32Array.of(0, 1, 0, 1), { kind: "classification", classes: 2 }, {}, { seed: 0 })).rejects.toThrow(/regression/);
    await expect(fitLogisticRegression(X, Float64Array.of(0, 1, 2, 3), { kind: "regression" }, {}, { seed: 0 })).rejects.toThrow(/classification/);
    const holed: Matrix = { data: Float32Array.of(0, 1, NaN, 3), rows: 4, cols: 1 };
    await expect(fitLinearRegression(holed, Float64Array.of(0, 1, 2, 3), { kind: "regression" }, {}, { seed: 0 })).rejects.toThrow(
      /missing or non-finite value \(NaN\) at row 2/,
    );
    const aborted = AbortSignal.abort();
    await expect(
      fitLogisticRegression(X, Int32Array.of(0, 1, 0, 1), { kind: "classification", classes: 2 }, {}, { seed: 0, signal: aborted }),
    ).rejects.toThrow();
  });
});

describe("linear models on threads", () => {
  it("ridge and logistic regression (Newton and L-BFGS) fit the same models on two threads as on one, the helper taking its share of every pass", async () => {
    configureNodeModelThreads({ count: 2 });
    const host = modelThreads()!;
    let passesOnHelper = 0;
    provideModelThreads({
      ...host,
      spawn: () => {
        const thread = host.spawn();
        return {
          ...thread,
          postMessage: (message: unknown, transfer?: Transferable[]) => {
            if ((message as { type?: string }).type === "linear-sums") passesOnHelper++;
            thread.postMessage(message, transfer);
          },
          onMessage: (handler) => thread.onMessage(handler),
          onError: (handler) => thread.onError(handler),
          keepAlive: (on) => thread.keepAlive(on),
          terminate: () => thread.terminate(),
        };
      },
    });
    let seed = 11;
    const uniform = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
    const rows = 25_000;
    const cols = 12;
    const X: Matrix = { data: Float32Array.from({ length: rows * cols }, () => uniform() * 2 - 1), rows, cols };
    const signal = Float64Array.from(
      { length: rows },
      (_, r) => 3 * X.data[r * cols]! - 2 * X.data[r * cols + 3]! + X.data[r * cols + 5]! * X.data[r * cols + 6]! + uniform() - 0.5,
    );
    const sharedX: Matrix = { ...X, data: new Float32Array(new SharedArrayBuffer(X.data.byteLength)) };
    sharedX.data.set(X.data);
    const fits: [string, (threads: boolean) => Promise<LinearModel>][] = [
      [
        // Ridge shares its one pass only over a table already in shared memory (see fitRidge).
        "ridge",
        (threads) =>
          fitLinearRegression(
            sharedX,
            Float64Array.from(signal, (v) => 180_000 + 40_000 * v),
            { kind: "regression" },
            {},
            { seed: 0, threads },
          ),
      ],
      [
        "binary logistic (Newton)",
        (threads) =>
          fitLogisticRegression(
            X,
            Int32Array.from(signal, (v) => (v > 0 ? 1 : 0)),
            { kind: "classification", classes: 2 },
            {},
            { seed: 0, threads },
          ),
      ],
      [
        "multinomial logistic (Newton)",
        (threads) =>
          fitLogisticRegression(
            X,
            Int32Array.from(signal, (v) => (v > 1 ? 2 : v > -1 ? 1 : 0)),
            { kind: "classification", classes: 3 },
            {},
            { seed: 0, threads },
          ),
      ],
      [
        "multinomial logistic (L-BFGS)",
        (threads) =>
          fitLogisticRegression(
            X,
            Int32Array.from(signal, (v) => (v > 1 ? 2 : v > -1 ? 1 : 0)),
            { kind: "classification", classes: 3 },
            { solver: "lbfgs" },
            { seed: 0, threads },
          ),
      ],
    ];
    for (const [name, fit] of fits) {
      const before = passesOnHelper;
      const one = await fit(false);
      expect(passesOnHelper, name).toBe(before);
      const threaded = await fit(true);
      expect(passesOnHelper, name).toBeGreaterThan(before);
      expect(threaded.toJSON(), name).toEqual(one.toJSON());
    }
    provideModelThreads(undefined);
  });
});
