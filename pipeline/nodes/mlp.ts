import { mlpParamsSchema } from "../ml/models/neural/params";
import { defineModelNode } from "./modelNode";

export const mlpNode = defineModelNode({
  kind: "mlp",
  title: "Neural network (MLP)",
  description: "Fully connected neural network trained with Adam on standardised features.",
  modelKind: "mlp",
  input: "matrix",
  hyperparameters: mlpParamsSchema.shape,
  standardize: true,
  epochsParam: "epochs",
});
