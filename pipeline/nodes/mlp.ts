import { mlpParamsSchema } from "../ml/models/neural/params";
import { keepVersion1Training } from "./mlpUpgrade";
import { defineModelNode } from "./modelNode";

export const mlpNode = defineModelNode({
  kind: "mlp",
  title: "Neural network (MLP)",
  description: "Fully connected neural network trained with Adam on standardised features, with scikit-learn's MLP defaults.",
  modelKind: "mlp",
  input: "matrix",
  hyperparameters: mlpParamsSchema.shape,
  standardize: true,
  // As scikit-learn's usual StandardScaler + OneHotEncoder pipeline: scaled one-hot columns cost its MLP 0.4 points on credit_data.
  standardizeNumericOnly: true,
  epochsParam: "epochs",
  // Version 1 had other defaults (64 units, learning rate 0.01, batches of 32, early stopping on) and an `l2` param.
  version: 2,
  upgrades: { 1: keepVersion1Training },
});
