import { NodeCatalog, type NodeSummary } from "../spec/nodeCatalog";
import type { AnyNodeDefinition } from "../spec/nodeDefinition";
import { dropColumnsNode } from "./dropColumns";
import { dropDuplicatesNode } from "./dropDuplicates";
import { dropMissingNode } from "./dropMissing";
import { loadNode } from "./load";
import { renameColumnsNode } from "./renameColumns";
import { selectColumnsNode } from "./selectColumns";
import { splitNode } from "./split";

/** Every node kind the product offers, in palette order. */
const definitions: AnyNodeDefinition[] = [
  loadNode,
  selectColumnsNode,
  dropColumnsNode,
  renameColumnsNode,
  dropMissingNode,
  dropDuplicatesNode,
  splitNode,
];

export const catalog = new NodeCatalog(definitions);

/** The palette: every node kind with its ports and params JSON Schema. */
export function listNodes(): NodeSummary[] {
  return catalog.summaries();
}

export function getNode(kind: string): AnyNodeDefinition | undefined {
  return catalog.get(kind);
}
