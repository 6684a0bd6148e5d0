import { describe, expect, it } from "vitest";
import { autoLayout } from "./autoLayout";

/** The demo's shape: load → split → model → evaluate, and split → evaluate past the model. */
const DEMO_PIPELINE_GRAPH = {
  nodes: ["load", "split", "model", "evaluate"].map((id) => ({ id, position: { x: 0, y: id === "model" ? 0 : 80 } })),
  edges: [
    { source: "load", target: "split" },
    { source: "split", target: "model" },
    { source: "model", target: "evaluate" },
    { source: "split", target: "evaluate" },
  ],
};

describe("autoLayout", () => {
  it("puts every edge's target in a later column", () => {
    const laid = autoLayout(DEMO_PIPELINE_GRAPH);
    const x = new Map(laid.nodes.map((n) => [n.id, n.position.x]));
    for (const edge of laid.edges) expect(x.get(edge.target)!).toBeGreaterThan(x.get(edge.source)!);
    expect(laid.nodes.map((n) => n.position.x)).toEqual([0, 280, 560, 840]);
  });

  it("lifts a node off an edge that skips its column, so the edge is not drawn through it", () => {
    // load → split → model → evaluate, plus split → evaluate passing the model's column.
    const laid = autoLayout({ ...DEMO_PIPELINE_GRAPH, nodes: DEMO_PIPELINE_GRAPH.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) });
    expect(laid.nodes.map((n) => [n.id, n.position.y])).toEqual([
      ["load", 0],
      ["split", 0],
      ["model", -70],
      ["evaluate", 0],
    ]);
    const chain = {
      nodes: ["a", "b", "c"].map((id) => ({ id, position: { x: 0, y: 0 } })),
      edges: [
        { source: "a", target: "b" },
        { source: "b", target: "c" },
      ],
    };
    expect(autoLayout(chain).nodes.map((n) => n.position.y)).toEqual([0, 0, 0]);
  });

  it("lifts a column far enough to clear the edge even when its node sat just below it", () => {
    const graph = {
      nodes: [
        { id: "a", position: { x: 0, y: 0 } },
        { id: "b", position: { x: 0, y: 0 } },
        { id: "c", position: { x: 0, y: 0 } },
      ],
      edges: [
        { source: "a", target: "b" },
        { source: "b", target: "c" },
        { source: "a", target: "c" },
      ],
    };
    const laid = autoLayout(graph);
    const y = new Map(laid.nodes.map((n) => [n.id, n.position.y]));
    // The a → c edge runs at y = 0; b is lifted at least half a row (70) above it.
    expect(y.get("a")).toBe(0);
    expect(y.get("c")).toBe(0);
    expect(y.get("b")!).toBeLessThanOrEqual(-70);
  });
});
