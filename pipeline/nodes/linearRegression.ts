import { ridgeParamsSchema } from "../ml/models/linear/params";
import { dropGradientDescentParams } from "./linearModelUpgrade";
import { defineModelNode } from "./modelNode";

export const linearRegressionNode = defineModelNode({
  kind: "linear-regression",
  title: "Linear regression",
  description: "Least-squares linear regression with an L2 penalty (ridge), solved exactly on standardised, one-hot features.",
  modelKind: "linear_regression",
  input: "matrix",
  hyperparameters: ridgeParamsSchema.shape,
  standardize: true,
  // Version 1 trained by gradient descent with TF.js.
  version: 2,
  upgrades: { 1: dropGradientDescentParams },
});
