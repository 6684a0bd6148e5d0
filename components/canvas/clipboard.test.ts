import { describe, expect, it } from "vitest";
import { copyNodes, pasteNodes } from "./clipboard";
import { toFlow } from "./flowGraph";

const graph = toFlow({
  nodes: [
    { id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x: 0, y: 0 } },
    { id: "split", kind: "split", params: { seed: 7 }, position: { x: 100, y: 0 } },
    { id: "train", kind: "train", params: {}, position: { x: 200, y: 0 } },
  ],
  edges: [
    { source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
    { source: "split", sourceHandle: "train", target: "train", targetHandle: "table" },
  ],
});

describe("copyNodes", () => {
  it("keeps the chosen nodes and only the edges between them", () => {
    const copied = copyNodes(graph, new Set(["load", "split"]));
    expect(copied.nodes.map((n) => n.id)).toEqual(["load", "split"]);
    expect(copied.edges.map((e) => [e.source, e.target])).toEqual([["load", "split"]]);
  });
});

describe("pasteNodes", () => {
  it("adds the copy under fresh ids, offset, selected, with its edges renamed", () => {
    const pasted = pasteNodes(graph, copyNodes(graph, new Set(["load", "split"])));
    expect(pasted.nodes.map((n) => [n.id, n.selected])).toEqual([
      ["load", false],
      ["split", false],
      ["train", false],
      ["load-1", true],
      ["split-1", true],
    ]);
    expect(pasted.nodes.find((n) => n.id === "split-1")).toMatchObject({ position: { x: 140, y: 40 }, data: { kind: "split", params: { seed: 7 } } });
    expect(pasted.edges.slice(2)).toEqual([
      { id: "load-1.table->split-1.table", source: "load-1", sourceHandle: "table", target: "split-1", targetHandle: "table" },
    ]);
    expect(pasted.edges).toHaveLength(3);
  });
});
