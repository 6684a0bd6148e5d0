import { textClassifierParamsSchema } from "../ml/models/text/params";
import { defineModelNode } from "./modelNode";

export const textClassifierNode = defineModelNode({
  kind: "text-classifier",
  title: "Text classifier (TF-IDF)",
  description: "Bag-of-words TF-IDF features learned on the train split, then logistic regression or a small network.",
  modelKind: "text_classifier",
  input: "text",
  hyperparameters: textClassifierParamsSchema.shape,
  standardize: false,
  epochsParam: "epochs",
});
