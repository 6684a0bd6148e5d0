import type { PipelineSpec } from "../spec/spec";

/** The node and everything it depends on, in spec order: what a preview or "run to here" executes. */
export function upstreamSpec(spec: PipelineSpec, nodeId: string): PipelineSpec {
  const needed = new Set<string>([nodeId]);
  for (const node of [...spec.nodes].reverse()) {
    if (needed.has(node.id)) for (const input of Object.values(node.inputs)) needed.add(input.node);
  }
  return { ...spec, nodes: spec.nodes.filter((n) => needed.has(n.id)) };
}
