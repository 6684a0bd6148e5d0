import { describe, expect, it } from "vitest";
import { compileInputKey } from "./compileInput";
import { toFlow } from "./flowGraph";

const flow = toFlow({
  nodes: [
    { id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x: 0, y: 0 } },
    { id: "split", kind: "split", params: { seed: 7 }, position: { x: 100, y: 0 } },
  ],
  edges: [{ source: "load", sourceHandle: "table", target: "split", targetHandle: "table" }],
  notes: [{ id: "note-1", text: "hello", position: { x: 0, y: -100 } }],
});
const key = (f: typeof flow) => compileInputKey(f.nodes, f.edges);

describe("the compile input key", () => {
  it("stays the same when nodes move, are measured, selected or renamed, or edges are selected", () => {
    const moved = flow.nodes.map((n) => ({
      ...n,
      position: { x: n.position.x + 5, y: 3 },
      selected: true,
      measured: { width: 208, height: 90 },
      data: { ...n.data, label: "Renamed" },
    }));
    expect(key({ ...flow, nodes: moved, edges: flow.edges.map((e) => ({ ...e, selected: true })) })).toBe(key(flow));
  });

  it("changes with a param, a kind, a removed node or a new edge", () => {
    const base = key(flow);
    expect(key({ ...flow, nodes: flow.nodes.map((n) => (n.id === "split" ? { ...n, data: { ...n.data, params: { seed: 8 } } } : n)) })).not.toBe(base);
    expect(key({ ...flow, nodes: flow.nodes.slice(0, 1) })).not.toBe(base);
    expect(key({ ...flow, edges: [] })).not.toBe(base);
  });
});
