import { beforeAll, describe, expect, it } from "vitest";
import { nodeWasmPaths } from "../../../testing/nodeWasmPaths";
import { loadIris, standardize, trainTestSplit } from "../../../testing/modelDatasets";
import { selectBackend } from "../../tf/select-backend";
import { NeuralNetworkModel } from "../neural/model";
import { fitNeuralNetwork } from "../neural/train";
import { loadsWithTensorFlow, modelFromJSON } from "../registry";
import { checkSerializedModel } from "../validate-model";
import { LinearModel } from "./model";
import { fitLinearRegression } from "./train";

beforeAll(async () => {
  await selectBackend({ wasmPaths: nodeWasmPaths() });
});

/** Linear and logistic models saved before they were fitted exactly were TF.js networks (model state version 1); they still load and predict. */
describe("version-1 (TF.js) linear and logistic model artifacts", () => {
  it.each([
    ["logistic_regression", { kind: "classification", classes: 3 }],
    ["linear_regression", { kind: "regression" }],
  ] as const)("%s: passes the artifact check, loads on TF.js and predicts as before", async (kind, task) => {
    const { train, test } = standardize(trainTestSplit(loadIris()));
    const y = task.kind === "regression" ? Float64Array.from(train.X.data.filter((_, i) => i % train.X.cols === 0)) : train.y;
    const legacy = await fitNeuralNetwork(kind, train.X, y, task, { epochs: 2 }, { seed: 1 });
    const json = JSON.parse(JSON.stringify(legacy.toJSON()));
    checkSerializedModel(json, { inputs: train.X.cols, task });
    expect(loadsWithTensorFlow(json)).toBe(true);
    const loaded = modelFromJSON(json);
    expect(loaded.model).toBeInstanceOf(NeuralNetworkModel);
    expect(Array.from(await loaded.model.predict(test.X as never))).toEqual(Array.from(await legacy.predict(test.X)));
    legacy.dispose();
    loaded.model.dispose();
  });

  it("a version-2 model needs no TF.js", async () => {
    const { train } = standardize(trainTestSplit(loadIris()));
    const model = await fitLinearRegression(train.X, Float64Array.from(train.y), { kind: "regression" }, {}, { seed: 0 });
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(loadsWithTensorFlow(json)).toBe(false);
    expect(modelFromJSON(json).model).toBeInstanceOf(LinearModel);
  });
});
