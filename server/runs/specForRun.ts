import { pipelineSpecSchema, type PipelineSpec } from "@/pipeline/spec/spec";

export function parseStoredSpec(json: string): PipelineSpec {
  return pipelineSpecSchema.parse(JSON.parse(json));
}

/**
 * "Run to here": the target node and everything it depends on, in the spec's
 * (topological) order. Without a target, the whole spec.
 */
export function specUpTo(spec: PipelineSpec, targetNodeId: string | null | undefined): PipelineSpec {
  if (!targetNodeId) return spec;
  const byId = new Map(spec.nodes.map((node) => [node.id, node]));
  if (!byId.has(targetNodeId)) throw new Error(`Node "${targetNodeId}" is not in this pipeline version.`);
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const input of Object.values(byId.get(id)?.inputs ?? {})) visit(input.node);
  };
  visit(targetNodeId);
  return { ...spec, nodes: spec.nodes.filter((node) => needed.has(node.id)) };
}
