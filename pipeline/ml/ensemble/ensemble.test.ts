import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { accuracy, argmaxRows } from "../metrics";
import { GradientBoostedTreesModel } from "../models/gbt/model";
import { fitGradientBoosting } from "../models/gbt/train";
import { RandomForestModel } from "../models/forest/model";
import { fitRandomForest } from "../models/forest/train";
import type { FittedModel, Matrix, SerializedModel, Task } from "../models/types";
import { readCsv } from "../table/read-csv";
import { splitAndFeaturize } from "./split-and-featurize";
import { checkSameLabelSets, EnsembleModel } from "./ensemble-model";
import { fitBagging, fitStacking, votingEnsemble } from "./fit-ensemble";

/** A fixed-output model: the arithmetic of combining is checked against hand-computed numbers. */
class FixedModel implements FittedModel {
  readonly kind = "fixed";
  readonly inputs = 1;
  constructor(
    readonly task: Task,
    private readonly output: number[],
  ) {}
  async predict(): Promise<Float32Array> {
    return Float32Array.from(this.output);
  }
  toJSON(): SerializedModel {
    return { format: "vajra-model/1", kind: this.kind, task: this.task, inputs: 1, params: {}, state: this.output };
  }
  dispose(): void {}
}
const two: Task = { kind: "classification", classes: 2 };
const one: Matrix = { data: new Float32Array(2), rows: 2, cols: 1 };

describe("voting", () => {
  const a = new FixedModel(two, [0.9, 0.1, 0.4, 0.6]);
  const b = new FixedModel(two, [0.3, 0.7, 0.45, 0.55]);
  const c = new FixedModel(two, [0.2, 0.8, 0.1, 0.9]);

  it("soft, weighted and hard voting match hand-computed outputs", async () => {
    expect(Array.from(await votingEnsemble([a, b, c], "soft").predict(one)).map((v) => +v.toFixed(4))).toEqual([0.4667, 0.5333, 0.3167, 0.6833]);
    expect(Array.from(await votingEnsemble([a, b, c], "soft", [2, 1, 1]).predict(one)).map((v) => +v.toFixed(4))).toEqual([0.575, 0.425, 0.3375, 0.6625]);
    expect(Array.from(await votingEnsemble([a, b, c], "hard").predict(one)).map((v) => +v.toFixed(4))).toEqual([0.3333, 0.6667, 0, 1]);
  });

  it("refuses models with different label sets", () => {
    expect(() => votingEnsemble([a, new FixedModel({ kind: "classification", classes: 3 }, [])], "soft")).toThrow(/different label sets/);
    expect(() =>
      checkSameLabelSets([
        ["bad", "good"],
        ["good", "bad"],
      ]),
    ).toThrow(/model 1 has \[bad, good\], model 2 has \[good, bad\]/);
  });

  it("serialises to one JSON model and back", async () => {
    const json = JSON.parse(JSON.stringify(votingEnsemble([a, b], "soft", [1, 3]).toJSON())) as SerializedModel;
    const back = await EnsembleModel.fromJSON(json, (m) => new FixedModel(m.task, m.state as number[]));
    expect(Array.from(await back.predict(one)).map((v) => +v.toFixed(4))).toEqual([0.45, 0.55, 0.4375, 0.5625]);
  });
});

describe("ensembles on credit_data", () => {
  const data = splitAndFeaturize(readCsv(readFileSync(new URL("../../../public/datasets/credit_data.csv", import.meta.url))), "Status", 0);
  const testAccuracy = async (model: FittedModel) => accuracy(data.test.y, argmaxRows(await model.predict(data.test.X), 2));

  it("a soft-voting GBT + random forest ensemble reaches 0.787 test accuracy and survives JSON", async () => {
    const gbt = await fitGradientBoosting(data.train.X, data.train.y, two, { maxIterations: 100, learningRate: 0.05 }, { seed: 0 });
    const forest = await fitRandomForest(data.train.X, data.train.y, two, { nEstimators: 100, minSamplesLeaf: 3 }, { seed: 0 });
    const ensemble = votingEnsemble([gbt, forest], "soft");
    const score = await testAccuracy(ensemble);
    // Measured: GBT 0.795, forest 0.787, soft vote 0.790 (majority class 0.718).
    expect(score).toBeGreaterThanOrEqual(0.787);
    const back = await EnsembleModel.fromJSON(JSON.parse(JSON.stringify(ensemble.toJSON())) as SerializedModel, (json) =>
      json.kind === "gradient_boosting" ? GradientBoostedTreesModel.fromJSON(json) : RandomForestModel.fromJSON(json),
    );
    expect(await testAccuracy(back)).toBe(score);
  });

  it("stacking and bagging beat the majority class on held-out rows", async () => {
    const smallGbt = (X: Matrix, y: Int32Array | Float64Array, task: Task, o: { seed: number }) =>
      fitGradientBoosting(X, y, task, { maxIterations: 30, maxLeafNodes: 8 }, o);
    const stacked = await fitStacking(
      data.train.X,
      data.train.y,
      two,
      [smallGbt, (X, y, task, o) => fitRandomForest(X, y, task, { nEstimators: 30, minSamplesLeaf: 3 }, o)],
      (X, y, task, o) => fitGradientBoosting(X, y, task, { maxIterations: 20, maxLeafNodes: 4 }, o),
      3,
      { seed: 1 },
    );
    const bagged = await fitBagging(data.train.X, data.train.y, two, smallGbt, 5, "soft", { seed: 1 });
    const majority = Math.max(...[0, 1].map((k) => data.test.y.filter((v) => v === k).length)) / data.test.y.length;
    expect(await testAccuracy(stacked)).toBeGreaterThan(majority + 0.04);
    expect(await testAccuracy(bagged)).toBeGreaterThan(majority + 0.04);
  });
});
