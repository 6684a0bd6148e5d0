import { logisticParamsSchema } from "../ml/models/linear/params";
import { dropGradientDescentParams } from "./linearModelUpgrade";
import { defineModelNode } from "./modelNode";

export const logisticRegressionNode = defineModelNode({
  kind: "logistic-regression",
  title: "Logistic regression",
  description:
    "L2-penalised logistic regression (binary or multinomial) on standardised, one-hot features, fitted to convergence: a fast, well-calibrated baseline.",
  modelKind: "logistic_regression",
  input: "matrix",
  hyperparameters: logisticParamsSchema.shape,
  standardize: true,
  // Version 1 trained by gradient descent with TF.js.
  version: 2,
  upgrades: { 1: dropGradientDescentParams },
});
