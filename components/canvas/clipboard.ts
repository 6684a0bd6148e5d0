import type { StoredGraph } from "@/contracts/storedGraph";
import { edgeId, newNodeId, toFlow, toStored, type FlowGraph } from "./flowGraph";

/** Pasted nodes sit this far right and down of their originals, so the copy is visible. */
const PASTE_OFFSET = 40;

/** The nodes with these ids and the edges between them, as they would be saved. */
export function copyNodes(flow: FlowGraph, ids: Set<string>): StoredGraph {
  const stored = toStored(flow);
  return {
    nodes: stored.nodes.filter((n) => ids.has(n.id)),
    edges: stored.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/** Adds the copied nodes under fresh ids, offset, and selects them instead of what was selected. */
export function pasteNodes(flow: FlowGraph, copied: StoredGraph): FlowGraph {
  const taken = new Set(flow.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  for (const node of copied.nodes) {
    const id = newNodeId(node.kind, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const pasted = toFlow({
    nodes: copied.nodes.map((n) => ({
      ...n,
      id: renamed.get(n.id)!,
      position: { x: n.position.x + PASTE_OFFSET, y: n.position.y + PASTE_OFFSET },
    })),
    edges: copied.edges.map((e) => {
      const moved = { ...e, source: renamed.get(e.source)!, target: renamed.get(e.target)! };
      return { ...moved, id: edgeId(moved) };
    }),
  });
  return {
    nodes: [...flow.nodes.map((n) => ({ ...n, selected: false })), ...pasted.nodes.map((n) => ({ ...n, selected: true }))],
    edges: [...flow.edges, ...pasted.edges],
  };
}
