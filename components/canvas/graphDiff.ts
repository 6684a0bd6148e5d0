import { canonicalJson } from "@/pipeline/spec/canonicalJson";
import type { StoredGraph } from "@/contracts/storedGraph";

export type NodeChange = "added" | "removed" | "changed" | "unchanged";

export interface ParamChange {
  param: string;
  before: unknown;
  after: unknown;
}

export interface GraphDiff {
  nodes: Record<string, { change: NodeChange; kindChanged: boolean; params: ParamChange[] }>;
  edges: { added: string[]; removed: string[] };
  summary: { added: number; removed: number; changed: number };
}

function edgeKey(edge: StoredGraph["edges"][number]): string {
  return `${edge.source}.${edge.sourceHandle} → ${edge.target}.${edge.targetHandle}`;
}

/**
 * What changed from `before` to `after`, by node id: params compared by canonical
 * JSON, so key order never shows up as a change. Positions are not changes.
 */
export function diffGraphs(before: StoredGraph, after: StoredGraph): GraphDiff {
  const nodes: GraphDiff["nodes"] = {};
  const beforeById = new Map(before.nodes.map((n) => [n.id, n]));
  const afterById = new Map(after.nodes.map((n) => [n.id, n]));
  for (const node of after.nodes) {
    const old = beforeById.get(node.id);
    if (!old) {
      nodes[node.id] = { change: "added", kindChanged: false, params: [] };
      continue;
    }
    const keys = new Set([...Object.keys(old.params), ...Object.keys(node.params)]);
    const params = [...keys]
      .filter((key) => canonicalJson(old.params[key] ?? null) !== canonicalJson(node.params[key] ?? null))
      .map((param) => ({ param, before: old.params[param], after: node.params[param] }));
    const kindChanged = old.kind !== node.kind;
    nodes[node.id] = { change: kindChanged || params.length > 0 ? "changed" : "unchanged", kindChanged, params };
  }
  for (const node of before.nodes) {
    if (!afterById.has(node.id)) nodes[node.id] = { change: "removed", kindChanged: false, params: [] };
  }
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  const count = (change: NodeChange) => Object.values(nodes).filter((n) => n.change === change).length;
  return {
    nodes,
    edges: {
      added: [...afterEdges].filter((e) => !beforeEdges.has(e)),
      removed: [...beforeEdges].filter((e) => !afterEdges.has(e)),
    },
    summary: { added: count("added"), removed: count("removed"), changed: count("changed") },
  };
}
