import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGraph } from "./compile";
import type { Graph, GraphEdge } from "../spec/graph";
import { canConnect } from "../spec/portTypes";
import { testCatalog, TEST_COLUMNS } from "../testing/testCatalog";

/** A random DAG over test nodes: node i only reads nodes before it, so it is acyclic by construction. */
const dagArbitrary = fc
  .array(
    fc.record({
      isSource: fc.boolean(),
      first: fc.nat(),
      second: fc.option(fc.nat(), { nil: undefined }),
      column: fc.option(fc.constantFrom(...TEST_COLUMNS), { nil: undefined }),
      weight: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .chain((plans) =>
    fc
      .shuffledSubarray(
        plans.map((_, index) => index),
        { minLength: plans.length, maxLength: plans.length },
      )
      .map((order) => {
        const edges: GraphEdge[] = [];
        const nodes = plans.map((plan, index) => {
          const id = `n${index}`;
          if (index === 0 || plan.isSource) return { id, kind: "test-source", params: { seed: index } };
          edges.push({ source: `n${plan.first % index}`, sourceHandle: "out", target: id, targetHandle: "first" });
          if (plan.second !== undefined) {
            edges.push({ source: `n${plan.second % index}`, sourceHandle: "out", target: id, targetHandle: "second" });
          }
          return { id, kind: "test-combine", params: { weight: plan.weight, ...(plan.column ? { column: plan.column } : {}) } };
        });
        // The canvas lists nodes in creation order, not dependency order.
        const graph: Graph = { nodes: order.map((index) => nodes[index]!), edges };
        return graph;
      }),
  );

describe("compileGraph on random graphs", () => {
  it("compiles every DAG into a spec in topological order with defaults filled", () => {
    fc.assert(
      fc.property(dagArbitrary, (graph) => {
        const result = compileGraph(graph, testCatalog);
        expect(result.diagnostics).toEqual([]);
        if (!result.ok) return;
        expect(result.spec.nodes).toHaveLength(graph.nodes.length);
        const position = new Map(result.spec.nodes.map((node, index) => [node.id, index]));
        for (const node of result.spec.nodes) {
          for (const source of Object.values(node.inputs)) expect(position.get(source.node)!).toBeLessThan(position.get(node.id)!);
          if (node.kind === "test-combine") expect(typeof node.params["weight"]).toBe("number");
          expect(result.schemas[node.id]?.["out"]).toBeDefined();
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reports a cycle diagnostic on exactly the nodes of an added cycle", () => {
    fc.assert(
      fc.property(dagArbitrary, fc.integer({ min: 1, max: 6 }), (graph, ringSize) => {
        const ring = Array.from({ length: ringSize }, (_, index) => `ring${index}`);
        const anchor = graph.nodes[0]!.id;
        const cyclic: Graph = {
          nodes: [...graph.nodes, ...ring.map((id) => ({ id, kind: "test-combine", params: {} }))],
          edges: [
            ...(graph.edges ?? []),
            ...ring.map((id, index) => ({
              source: ring[(index + ringSize - 1) % ringSize]!,
              sourceHandle: "out",
              target: id,
              targetHandle: "first",
            })),
            // Tie the cycle to the rest of the graph so it is not an isolated island.
            { source: anchor, sourceHandle: "out", target: ring[0]!, targetHandle: "second" },
          ],
        };
        const result = compileGraph(cyclic, testCatalog);
        expect(result.ok).toBe(false);
        const flagged = result.diagnostics.filter((d) => d.code === "cycle").map((d) => d.nodeId);
        expect(flagged.sort()).toEqual([...ring].sort());
      }),
      { numRuns: 150 },
    );
  });
});

/** Independent oracle: the nodes that can reach themselves, by transitive closure. */
function nodesOnCycles(ids: string[], edges: GraphEdge[]): string[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const reach = ids.map(() => ids.map(() => false));
  for (const edge of edges) reach[index.get(edge.source)!]![index.get(edge.target)!] = true;
  for (let k = 0; k < ids.length; k++) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = 0; j < ids.length; j++) if (reach[i]![k] && reach[k]![j]) reach[i]![j] = true;
    }
  }
  return ids.filter((_, i) => reach[i]![i]);
}

describe("compileGraph on arbitrary directed graphs", () => {
  it("flags exactly the nodes on cycles, and compiles whenever there is none", () => {
    const graphArbitrary = fc.integer({ min: 1, max: 10 }).chain((size) =>
      fc.record({
        size: fc.constant(size),
        first: fc.array(fc.option(fc.nat(size - 1), { nil: undefined }), { minLength: size, maxLength: size }),
        second: fc.array(fc.option(fc.nat(size - 1), { nil: undefined }), { minLength: size, maxLength: size }),
      }),
    );
    fc.assert(
      fc.property(graphArbitrary, ({ size, first, second }) => {
        const ids = Array.from({ length: size }, (_, i) => `n${i}`);
        const edges: GraphEdge[] = [];
        // Every node has its required input wired (to a source when the draw says none), so cycles are the only possible error.
        const nodes = [{ id: "src", kind: "test-source", params: {} }, ...ids.map((id) => ({ id, kind: "test-combine", params: {} }))];
        ids.forEach((id, i) => {
          const from = first[i];
          edges.push({ source: from === undefined ? "src" : ids[from]!, sourceHandle: "out", target: id, targetHandle: "first" });
          const extra = second[i];
          if (extra !== undefined) edges.push({ source: ids[extra]!, sourceHandle: "out", target: id, targetHandle: "second" });
        });
        const result = compileGraph({ nodes, edges }, testCatalog);
        const expected = nodesOnCycles(["src", ...ids], edges).sort();
        const flagged = result.diagnostics
          .filter((d) => d.code === "cycle")
          .map((d) => d.nodeId!)
          .sort();
        expect(flagged).toEqual(expected);
        expect(result.ok).toBe(expected.length === 0);
        if (expected.length > 0) expect(result.diagnostics.every((d) => d.code === "cycle")).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe("compileGraph diagnostics", () => {
  const source = { id: "src", kind: "test-source", params: {} };
  const wire = (from: string, to: string, port = "first"): GraphEdge => ({
    source: from,
    sourceHandle: "out",
    target: to,
    targetHandle: port,
  });

  it("reports a missing required input on the port", () => {
    const result = compileGraph({ nodes: [source, { id: "c", kind: "test-combine", params: {} }], edges: [] }, testCatalog);
    expect(result.diagnostics).toEqual([expect.objectContaining({ nodeId: "c", port: "first", code: "missing-input" })]);
  });

  it("reports invalid params per param path", () => {
    const result = compileGraph({ nodes: [source, { id: "c", kind: "test-combine", params: { weight: 3 } }], edges: [wire("src", "c")] }, testCatalog);
    expect(result.diagnostics).toEqual([expect.objectContaining({ nodeId: "c", param: "weight", code: "invalid-param" })]);
  });

  it("reports an unknown column on the param that names it", () => {
    const result = compileGraph({ nodes: [source, { id: "c", kind: "test-combine", params: { column: "zzz" } }], edges: [wire("src", "c")] }, testCatalog);
    expect(result.diagnostics).toEqual([expect.objectContaining({ nodeId: "c", param: "column", code: "unknown-column" })]);
    expect(result.diagnostics[0]?.message).toContain("a, b, c");
  });

  it("reports unknown kinds, unknown ports, duplicate ids and double-wired inputs", () => {
    const result = compileGraph(
      {
        nodes: [source, source, { id: "x", kind: "nope" }, { id: "c", kind: "test-combine" }],
        edges: [wire("src", "c"), wire("src", "c"), { source: "src", sourceHandle: "bogus", target: "c", targetHandle: "second" }],
      },
      testCatalog,
    );
    const codes = result.diagnostics.map((d) => `${d.nodeId}:${d.code}`).sort();
    expect(codes).toEqual(["c:duplicate-input", "src:duplicate-node", "src:unknown-port", "x:unknown-kind"]);
  });

  it("rejects something that is not a graph", () => {
    const result = compileGraph({ nodes: "nope" }, testCatalog);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe("invalid-graph");
  });

  it("lets LabeledTable and Predictions flow into Table but not the reverse", () => {
    expect(canConnect("LabeledTable", "Table")).toBe(true);
    expect(canConnect("Predictions", "Table")).toBe(true);
    expect(canConnect("Table", "LabeledTable")).toBe(false);
    expect(canConnect("Split", "Table")).toBe(false);
    expect(canConnect("Model", "Model")).toBe(true);
  });
});
