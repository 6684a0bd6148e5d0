import { cnnNode } from "./cnn";
import { gradientBoostingNode } from "./gradientBoosting";
import { linearRegressionNode } from "./linearRegression";
import { logisticRegressionNode } from "./logisticRegression";
import { mlpNode } from "./mlp";
import type { ModelNodeDefinition } from "./modelNode";
import { randomForestNode } from "./randomForest";
import { textClassifierNode } from "./textClassifier";

/** Every node that trains one model family: what the tuner wraps and what ensembles can refit. */
export const MODEL_NODES: readonly ModelNodeDefinition[] = [
  gradientBoostingNode,
  randomForestNode,
  logisticRegressionNode,
  linearRegressionNode,
  mlpNode,
  textClassifierNode,
  cnnNode,
];

export function modelNodeByKind(kind: string): ModelNodeDefinition | undefined {
  return MODEL_NODES.find((node) => node.kind === kind);
}

export function modelNodeByModelKind(modelKind: string): ModelNodeDefinition | undefined {
  return MODEL_NODES.find((node) => node.modelSpec.modelKind === modelKind);
}
