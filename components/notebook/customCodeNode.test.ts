import { describe, expect, it } from "vitest";
import { compileGraph } from "@/pipeline/compiler/compile";
import { catalog } from "@/pipeline/nodes/catalog";
import { DEMO_PIPELINE_GRAPH } from "@/server/projects/demoPipeline";
import { withCustomCodeNode } from "./customCodeNode";

const params = { code: "function f(t) { return t; }", functionName: "f", language: "javascript" as const };

describe("withCustomCodeNode", () => {
  it("adds a Custom code node with a fresh id below the pipeline's nodes, leaving the rest alone", () => {
    const first = withCustomCodeNode(DEMO_PIPELINE_GRAPH, params);
    expect(first.nodeId).toBe("custom-code-1");
    expect(first.graph.nodes.slice(0, -1)).toEqual(DEMO_PIPELINE_GRAPH.nodes);
    expect(first.graph.edges).toEqual(DEMO_PIPELINE_GRAPH.edges);
    expect(first.graph.nodes.at(-1)).toEqual({ id: "custom-code-1", kind: "custom-code", params, position: { x: 0, y: 240 } });
    expect(withCustomCodeNode(first.graph, params).nodeId).toBe("custom-code-2");
    expect(withCustomCodeNode({ nodes: [], edges: [] }, params).graph.nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });

  it("gives a node that compiles once its input is wired", () => {
    const { graph, nodeId } = withCustomCodeNode(DEMO_PIPELINE_GRAPH, params);
    expect(compileGraph(graph, catalog).diagnostics).toEqual([expect.objectContaining({ nodeId, code: "missing-input" })]);
    const wired = compileGraph(
      { ...graph, edges: [...graph.edges, { source: "load", sourceHandle: "table", target: nodeId, targetHandle: "table" }] },
      catalog,
    );
    expect(wired.diagnostics).toEqual([]);
  });
});
