import { describe, expect, it } from "vitest";
import { DEMO_PIPELINE_GRAPH } from "@/server/projects/demoPipeline";
import { autoLayout } from "@/pipeline/spec/autoLayout";
import { diffGraphs } from "./graphDiff";

describe("diffGraphs", () => {
  it("reports added, removed and changed nodes with the params that changed", () => {
    const after = {
      nodes: [
        ...DEMO_PIPELINE_GRAPH.nodes
          .filter((n) => n.id !== "evaluate")
          .map((n) => (n.id === "split" ? { ...n, params: { ...n.params, seed: 7 }, position: { x: 5, y: 5 } } : n)),
        { id: "predict", kind: "predict", params: {}, position: { x: 0, y: 0 } },
      ],
      edges: DEMO_PIPELINE_GRAPH.edges.filter((e) => e.target !== "evaluate"),
    };
    const diff = diffGraphs(DEMO_PIPELINE_GRAPH, after);
    expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(diff.nodes["split"]).toEqual({ change: "changed", kindChanged: false, params: [{ param: "seed", before: 42, after: 7 }] });
    expect(diff.nodes["load"]?.change).toBe("unchanged");
    expect(diff.nodes["evaluate"]?.change).toBe("removed");
    expect(diff.nodes["predict"]?.change).toBe("added");
    expect(diff.edges.removed).toEqual(["model.model → evaluate.model", "split.split → evaluate.data"]);
  });

  it("ignores key order and positions", () => {
    const reordered = {
      ...DEMO_PIPELINE_GRAPH,
      nodes: DEMO_PIPELINE_GRAPH.nodes.map((n) => ({
        ...n,
        params: Object.fromEntries(Object.entries(n.params).reverse()),
        position: { x: 0, y: 0 },
      })),
    };
    expect(diffGraphs(DEMO_PIPELINE_GRAPH, reordered).summary).toEqual({ added: 0, removed: 0, changed: 0 });
  });
});

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
    const chain = { nodes: ["a", "b", "c"].map((id) => ({ id, position: { x: 0, y: 0 } })), edges: [{ source: "a", target: "b" }, { source: "b", target: "c" }] };
    expect(autoLayout(chain).nodes.map((n) => n.position.y)).toEqual([0, 0, 0]);
  });
});
