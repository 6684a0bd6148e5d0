import type { NodeParamsUpgrade } from "../spec/nodeDefinition";

/** Version 1's defaults, written into upgraded params so a spec that relied on them trains as its author saw it train. */
const VERSION_1_DEFAULTS = {
  learningRate: 0.01,
  batchSize: 32,
  epochs: 100,
  l2: 0.0001,
  earlyStopping: true,
  patience: 10,
  validationFraction: 0.1,
  hiddenLayers: 1,
  hiddenUnits: 64,
  activation: "relu",
  dropout: 0,
};

/** Version 1 counted a validation loss as improved when it fell by more than this. */
const VERSION_1_MIN_DELTA = 1e-6;

/**
 * Version 1 → 2 of the MLP node. Version 2 takes scikit-learn's defaults and its L2 penalty `alpha`
 * (alpha/2 · ‖W‖² over a batch's rows) instead of `l2` (l2 · ‖W‖² per batch), so `l2` becomes the same
 * penalty, alpha = 2 · batchSize · l2. Two differences remain: with early stopping off, version 2
 * also stops once the training loss has stalled for `patience` epochs, where version 1 ran every epoch;
 * and version 2 leaves one-hot columns unscaled, where version 1 standardised them too.
 */
export const keepVersion1Training: NodeParamsUpgrade = (params) => {
  const { l2, ...rest } = { ...VERSION_1_DEFAULTS, ...params };
  const batchSize = typeof rest.batchSize === "number" ? rest.batchSize : VERSION_1_DEFAULTS.batchSize;
  return { ...rest, alpha: typeof l2 === "number" ? 2 * batchSize * l2 : l2, tol: VERSION_1_MIN_DELTA };
};
