import { gradientBoostingParamsSchema } from "../ml/models/gbt/params";
import { defineModelNode } from "./modelNode";

export const gradientBoostingNode = defineModelNode({
  kind: "gradient-boosting",
  title: "Gradient boosted trees",
  description: "Histogram gradient boosting (like scikit-learn's HistGradientBoosting): strong on tabular data, handles missing values.",
  modelKind: "gradient_boosting",
  input: "matrix",
  hyperparameters: gradientBoostingParamsSchema.shape,
  standardize: false,
  epochsParam: "maxIterations",
});
