import { randomForestParamsSchema } from "../ml/models/forest/params";
import { defineModelNode } from "./modelNode";

export const randomForestNode = defineModelNode({
  kind: "random-forest",
  title: "Random forest",
  description: "Bagged decision trees with random feature subsets: robust, little tuning, handles missing values.",
  modelKind: "random_forest",
  input: "matrix",
  hyperparameters: randomForestParamsSchema.shape,
  standardize: false,
  epochsParam: "nEstimators",
});
