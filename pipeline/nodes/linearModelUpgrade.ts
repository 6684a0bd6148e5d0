import type { NodeParamsUpgrade } from "../spec/nodeDefinition";

/** The hyperparameters of version 1's TensorFlow.js training loop (Adam, mini-batches, early stopping). */
const GRADIENT_DESCENT_PARAMS = ["learningRate", "batchSize", "epochs", "l2", "earlyStopping", "patience", "validationFraction"];

/**
 * Version 1 → 2 of the linear and logistic regression nodes: version 2 solves the same model
 * exactly, so the optimiser's params go and the penalty takes its default. Version 1's `l2` was
 * a per-row mean penalty whose equivalent C depends on the row count, so it is not carried over.
 */
export const dropGradientDescentParams: NodeParamsUpgrade = (params) =>
  Object.fromEntries(Object.entries(params).filter(([key]) => !GRADIENT_DESCENT_PARAMS.includes(key)));
