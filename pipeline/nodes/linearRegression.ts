import { linearRegressionParamsSchema } from "../ml/models/neural/params";
import { defineModelNode } from "./modelNode";

export const linearRegressionNode = defineModelNode({
  kind: "linear-regression",
  title: "Linear regression",
  description: "Least-squares linear regression (with optional L2) on standardised, one-hot features.",
  modelKind: "linear_regression",
  input: "matrix",
  hyperparameters: linearRegressionParamsSchema.shape,
  standardize: true,
  epochsParam: "epochs",
});
