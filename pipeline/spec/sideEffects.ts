import type { NodeCatalog } from "./nodeCatalog";
import type { PipelineSpec } from "./spec";

/**
 * Why this spec must run on a server worker: the reason of its first node with a side effect
 * (e.g. "Deploy registers models on the server") or that reads live data (a database query), or
 * undefined when it may run anywhere.
 */
export function serverOnlyReason(spec: Pick<PipelineSpec, "nodes">, catalog: Pick<NodeCatalog, "get">): string | undefined {
  for (const node of spec.nodes) {
    const definition = catalog.get(node.kind);
    const reason = definition?.sideEffect?.reason ?? definition?.liveData?.reason;
    if (reason !== undefined) return reason;
  }
  return undefined;
}
