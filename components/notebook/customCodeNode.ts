import { newNodeId } from "@/components/canvas/flowGraph";
import type { StoredGraph } from "@/contracts/storedGraph";

export interface CustomCodeNodeParams {
  code: string;
  functionName: string;
  language: "javascript" | "typescript";
}

/** Vertical gap between the lowest node and the new one: about one node's height, as auto-layout spaces rows. */
const BELOW = 160;

/**
 * Adds an unconnected Custom code node to a pipeline graph, below its lowest node so it
 * lands where the user will look without covering anything; they wire it on the canvas.
 */
export function withCustomCodeNode(graph: StoredGraph, params: CustomCodeNodeParams): { graph: StoredGraph; nodeId: string } {
  const nodeId = newNodeId("custom-code", new Set(graph.nodes.map((n) => n.id)));
  const position =
    graph.nodes.length === 0
      ? { x: 0, y: 0 }
      : { x: Math.min(...graph.nodes.map((n) => n.position.x)), y: Math.max(...graph.nodes.map((n) => n.position.y)) + BELOW };
  return {
    graph: { ...graph, nodes: [...graph.nodes, { id: nodeId, kind: "custom-code", params: { ...params }, position }] },
    nodeId,
  };
}
