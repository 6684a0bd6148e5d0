import type { Edge, Node } from "@xyflow/react";
import type { StoredGraph } from "@/contracts/storedGraph";

export interface PipelineNodeData extends Record<string, unknown> {
  kind: string;
  params: Record<string, unknown>;
  label?: string;
}

export type PipelineFlowNode = Node<PipelineNodeData, "pipeline">;

export interface FlowGraph {
  nodes: PipelineFlowNode[];
  edges: Edge[];
}

export function edgeId(edge: { source: string; sourceHandle: string; target: string; targetHandle: string }): string {
  return `${edge.source}.${edge.sourceHandle}->${edge.target}.${edge.targetHandle}`;
}

/** Stored graph → React Flow. `previous` keeps measured sizes and selection of nodes that still exist. */
export function toFlow(graph: StoredGraph, previous?: FlowGraph): FlowGraph {
  const old = new Map(previous?.nodes.map((n) => [n.id, n]));
  return {
    nodes: graph.nodes.map((n) => {
      const prior = old.get(n.id);
      return {
        id: n.id,
        type: "pipeline",
        position: n.position,
        data: { kind: n.kind, params: n.params, ...(n.label ? { label: n.label } : {}) },
        ...(prior?.measured ? { measured: prior.measured } : {}),
        ...(prior?.selected ? { selected: true } : {}),
      };
    }),
    edges: graph.edges.map((e) => ({
      id: e.id ?? edgeId(e),
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      targetHandle: e.targetHandle,
    })),
  };
}

/** React Flow → what is saved: ids, kinds, params, positions and port-to-port edges only. */
export function toStored(flow: FlowGraph): StoredGraph {
  return {
    nodes: flow.nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      params: n.data.params,
      position: { ...n.position },
      ...(n.data.label ? { label: n.data.label } : {}),
    })),
    edges: flow.edges.flatMap((e) =>
      e.sourceHandle && e.targetHandle ? [{ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle }] : [],
    ),
  };
}

/** What panels call a node: the user's label, else the node kind's title and id ("Evaluate (evaluate-2)"). */
export function nodeDisplayName(node: { id: string; kind: string; label?: string | undefined }, title: string | undefined): string {
  return node.label || `${title ?? node.kind} (${node.id})`;
}

export function newNodeId(kind: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${kind}-${n}`;
    if (!taken.has(id)) return id;
  }
}
