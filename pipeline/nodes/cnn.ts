import { cnnParamsSchema } from "../ml/models/neural/params";
import { defineModelNode } from "./modelNode";

export const cnnNode = defineModelNode({
  kind: "cnn",
  title: "Convolutional network (images)",
  description: "Convolutional network for images stored as pixel columns (row-major, channel last), e.g. 8×8 digits.",
  modelKind: "cnn",
  input: "matrix",
  hyperparameters: cnnParamsSchema.shape,
  standardize: true,
  epochsParam: "epochs",
});
