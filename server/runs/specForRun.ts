import { upstreamSpec } from "@/pipeline/runtime/upstreamSpec";
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
  if (!spec.nodes.some((node) => node.id === targetNodeId)) throw new Error(`Node "${targetNodeId}" is not in this pipeline version.`);
  return upstreamSpec(spec, targetNodeId);
}
