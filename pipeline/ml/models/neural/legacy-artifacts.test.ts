import { beforeAll, describe, expect, it } from "vitest";
import { nodeWasmPaths } from "../../../testing/nodeWasmPaths";
import { selectBackend } from "../../tf/select-backend";
import { modelFromJSON } from "../registry";
import { checkSerializedModel } from "../validate-model";

beforeAll(async () => {
  await selectBackend({ wasmPaths: nodeWasmPaths() });
});

/** An MLP saved by version 1 (params with `l2`, no `alpha` or `tol`): 3 hidden units, 5 epochs on standardised iris, seed 1. */
const VERSION_1_MLP = {
  format: "vajra-model/1",
  kind: "mlp",
  task: { kind: "classification", classes: 3 },
  inputs: 4,
  params: {
    learningRate: 0.01,
    batchSize: 32,
    epochs: 5,
    l2: 0.0001,
    earlyStopping: true,
    patience: 10,
    validationFraction: 0.1,
    hiddenLayers: 1,
    hiddenUnits: 3,
    activation: "relu",
    dropout: 0,
  },
  state: {
    weights: [
      { shape: [4, 3], data: "+a80P7iJAb+Gu02/E5mRPukTcT9VVAm/nzgNvusBiT/vD1i/ogk9P5zrbj6PVCG9" },
      { shape: [3], data: "FHUDvb8rLz5IS4I9" },
      { shape: [3, 3], data: "iBiCvzSpTT/ry54+9vO9PlT9Xr9f5A4/WdvxPSZeIb+CZ4C/" },
      { shape: [3], data: "/OOrvc88urxBwJk9" },
    ],
    targetScale: null,
  },
};

/** Three of its test rows and the probabilities version 1 predicted for them. */
const ROWS = [
  -1.7567001581192017, -0.3399735987186432, -1.3359346389770508, -1.3160786628723145, -0.1925153136253357, 1.69986891746521, -1.1649045944213867,
  -1.183364748954773, -0.9144467711448669, 1.69986891746521, -1.2789247035980225, -1.183364748954773,
];
const VERSION_1_PREDICTIONS = [
  0.8504329919815063, 0.10815257579088211, 0.04141445457935333, 0.417428195476532, 0.22442977130413055, 0.3581419885158539, 0.6023508906364441,
  0.14430095255374908, 0.25334814190864563,
];

describe("version-1 MLP artifacts", () => {
  it("pass the artifact check, load and predict what version 1 predicted", async () => {
    checkSerializedModel(VERSION_1_MLP, { inputs: 4, task: { kind: "classification", classes: 3 } });
    const loaded = modelFromJSON(VERSION_1_MLP);
    if (loaded.input !== "matrix") throw new Error("an MLP takes a matrix");
    const predictions = await loaded.model.predict({ data: Float32Array.from(ROWS), rows: 3, cols: 4 });
    loaded.model.dispose();
    Array.from(predictions).forEach((p, i) => expect(p).toBeCloseTo(VERSION_1_PREDICTIONS[i]!, 6));
  });
});
