import { describe, expect, it } from "vitest";
import { DEMO_PIPELINE_GRAPH } from "@/server/projects/demoPipeline";
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
