interface LaidOutGraph {
  nodes: { id: string; position: { x: number; y: number } }[];
  edges: { source: string; target: string }[];
}

const COLUMN_WIDTH = 280;
const ROW_HEIGHT = 140;

/**
 * Layered left-to-right layout: a node's column is the length of the longest path
 * into it, so every edge points right. Rows keep the current vertical order, which
 * keeps the result close to what the user arranged. Cycles are tolerated (the
 * compiler reports them) by capping depth at the node count.
 */
export function autoLayout<G extends LaidOutGraph>(graph: G): G {
  const incoming = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const edge of graph.edges) incoming.get(edge.target)?.push(edge.source);
  const depth = new Map<string, number>();
  const limit = graph.nodes.length;
  const depthOf = (id: string, guard: number): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (guard > limit) return 0;
    const parents = incoming.get(id) ?? [];
    const value = parents.length === 0 ? 0 : Math.max(...parents.map((p) => depthOf(p, guard + 1))) + 1;
    depth.set(id, value);
    return value;
  };
  const columns = new Map<number, G["nodes"]>();
  for (const node of [...graph.nodes].sort((a, b) => a.position.y - b.position.y)) {
    const column = depthOf(node.id, 0);
    columns.set(column, [...(columns.get(column) ?? []), node]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [column, nodes] of columns) {
    nodes.forEach((node, row) => positions.set(node.id, { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT }));
  }
  liftColumnsOffLongEdges(graph.edges, depth, columns, positions);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}

/**
 * An edge that skips columns is drawn straight through the columns between, and a
 * node sitting on it looks as if the edge came out of that node's ports (split →
 * evaluate passing behind the model). Such a column is lifted half a row, as one
 * would arrange it by hand. One pass: enough for the chains pipelines usually are.
 */
function liftColumnsOffLongEdges(
  edges: LaidOutGraph["edges"],
  depth: Map<string, number>,
  columns: Map<number, { id: string }[]>,
  positions: Map<string, { x: number; y: number }>,
) {
  const lifted = new Set<number>();
  for (const edge of edges) {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    const start = depth.get(edge.source);
    const end = depth.get(edge.target);
    if (!from || !to || start === undefined || end === undefined || end - start < 2) continue;
    for (let column = start + 1; column < end; column++) {
      if (lifted.has(column)) continue;
      const y = from.y + ((to.y - from.y) * (column - start)) / (end - start);
      const nodes = columns.get(column) ?? [];
      const onTheLine = nodes.map((node) => positions.get(node.id)!.y).filter((nodeY) => Math.abs(nodeY - y) < ROW_HEIGHT / 2);
      if (onTheLine.length === 0) continue;
      // Far enough that the lowest node on the line ends half a row above it.
      const lift = Math.max(...onTheLine) - y + ROW_HEIGHT / 2;
      lifted.add(column);
      for (const node of nodes) positions.get(node.id)!.y -= lift;
    }
  }
}
