import type { StoredGraph } from "@/contracts/storedGraph";
import { edgeId, newNodeId, toFlow, toStored, type FlowGraph } from "./flowGraph";

/** Pasted nodes sit this far right and down of their originals, so the copy is visible. */
const PASTE_OFFSET = 40;

/** The nodes and notes with these ids and the edges between the nodes, as they would be saved. */
export function copyNodes(flow: FlowGraph, ids: Set<string>): StoredGraph {
  const stored = toStored(flow);
  const notes = stored.notes?.filter((n) => ids.has(n.id)) ?? [];
  return {
    nodes: stored.nodes.filter((n) => ids.has(n.id)),
    edges: stored.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** Adds the copied nodes and notes under fresh ids, offset, and selects them instead of what was selected. */
export function pasteNodes(flow: FlowGraph, copied: StoredGraph): FlowGraph {
  const taken = new Set([...flow.nodes, ...flow.notes].map((n) => n.id));
  const renamed = new Map<string, string>();
  for (const item of [...copied.nodes.map((n) => ({ id: n.id, kind: n.kind })), ...(copied.notes ?? []).map((n) => ({ id: n.id, kind: "note" }))]) {
    const id = newNodeId(item.kind, taken);
    taken.add(id);
    renamed.set(item.id, id);
  }
  const offset = (position: { x: number; y: number }) => ({ x: position.x + PASTE_OFFSET, y: position.y + PASTE_OFFSET });
  const pasted = toFlow({
    nodes: copied.nodes.map((n) => ({
      ...n,
      id: renamed.get(n.id)!,
      position: offset(n.position),
    })),
    edges: copied.edges.map((e) => {
      const moved = { ...e, source: renamed.get(e.source)!, target: renamed.get(e.target)! };
      return { ...moved, id: edgeId(moved) };
    }),
    notes: (copied.notes ?? []).map((n) => ({ ...n, id: renamed.get(n.id)!, position: offset(n.position) })),
  });
  return {
    nodes: [...flow.nodes.map((n) => ({ ...n, selected: false })), ...pasted.nodes.map((n) => ({ ...n, selected: true }))],
    edges: [...flow.edges, ...pasted.edges],
    notes: [...flow.notes.map((n) => ({ ...n, selected: false })), ...pasted.notes.map((n) => ({ ...n, selected: true }))],
  };
}
