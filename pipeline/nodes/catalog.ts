import { NodeCatalog, type NodeSummary } from "../spec/nodeCatalog";
import type { AnyNodeDefinition } from "../spec/nodeDefinition";
import { augmentImagesNode } from "./augmentImages";
import { augmentTabularNode } from "./augmentTabular";
import { augmentTextNode } from "./augmentText";
import { castColumnsNode } from "./castColumns";
import { cnnNode } from "./cnn";
import { customCodeNode } from "./customCode";
import { deployNode } from "./deploy";
import { dropColumnsNode } from "./dropColumns";
import { dropDuplicatesNode } from "./dropDuplicates";
import { dropMissingNode } from "./dropMissing";
import { encodeNode } from "./encode";
import { ensembleNode } from "./ensemble";
import { evaluateNode } from "./evaluate";
import { filterRowsNode } from "./filterRows";
import { gradientBoostingNode } from "./gradientBoosting";
import { imputeNode } from "./impute";
import { labelingFunctionsNode } from "./labelingFunctions";
import { labelModelNode } from "./labelModel";
import { linearRegressionNode } from "./linearRegression";
import { loadNode } from "./load";
import { logisticRegressionNode } from "./logisticRegression";
import { mlpNode } from "./mlp";
import { outliersNode } from "./outliers";
import { plotNode } from "./plot";
import { predictNode } from "./predict";
import { randomForestNode } from "./randomForest";
import { renameColumnsNode } from "./renameColumns";
import { scaleNode } from "./scale";
import { selectColumnsNode } from "./selectColumns";
import { setTargetNode } from "./setTarget";
import { splitNode } from "./split";
import { sqlQueryNode } from "./sqlQuery";
import { textClassifierNode } from "./textClassifier";
import { textNormalizeNode } from "./textNormalize";
import { tunerNode } from "./tuner";
import { uncertaintySamplerNode } from "./uncertaintySampler";
import { validateNode } from "./validate";

/** Every node kind the product offers, in palette order. */
const definitions: AnyNodeDefinition[] = [
  loadNode,
  sqlQueryNode,
  selectColumnsNode,
  dropColumnsNode,
  renameColumnsNode,
  dropMissingNode,
  dropDuplicatesNode,
  castColumnsNode,
  filterRowsNode,
  imputeNode,
  outliersNode,
  scaleNode,
  encodeNode,
  textNormalizeNode,
  customCodeNode,
  validateNode,
  splitNode,
  setTargetNode,
  labelingFunctionsNode,
  labelModelNode,
  uncertaintySamplerNode,
  augmentTabularNode,
  augmentTextNode,
  augmentImagesNode,
  logisticRegressionNode,
  linearRegressionNode,
  mlpNode,
  cnnNode,
  textClassifierNode,
  gradientBoostingNode,
  randomForestNode,
  tunerNode,
  ensembleNode,
  evaluateNode,
  plotNode,
  predictNode,
  deployNode,
];

export const catalog = new NodeCatalog(definitions);

/** The palette: every node kind with its ports and params JSON Schema. */
export function listNodes(): NodeSummary[] {
  return catalog.summaries();
}

export function getNode(kind: string): AnyNodeDefinition | undefined {
  return catalog.get(kind);
}
