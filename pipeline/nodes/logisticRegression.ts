import { logisticRegressionParamsSchema } from "../ml/models/neural/params";
import { defineModelNode } from "./modelNode";

export const logisticRegressionNode = defineModelNode({
  kind: "logistic-regression",
  title: "Logistic regression",
  description: "Multinomial logistic regression on standardised, one-hot features: a fast, well-calibrated baseline.",
  modelKind: "logistic_regression",
  input: "matrix",
  hyperparameters: logisticRegressionParamsSchema.shape,
  standardize: true,
  epochsParam: "epochs",
});
