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
  notes: [{ id: "note-1", text: "Seed fixed for the report", position: { x: 100, y: -100 }, size: { width: 200, height: 100 } }],
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

describe("copying notes", () => {
  it("pastes a selected note under a fresh id, offset and selected, with its text and size", () => {
    const copied = copyNodes(graph, new Set(["split", "note-1"]));
    expect(copied.notes?.map((n) => n.id)).toEqual(["note-1"]);
    const pasted = pasteNodes(graph, copied);
    expect(pasted.notes.map((n) => [n.id, n.selected])).toEqual([
      ["note-1", false],
      ["note-2", true],
    ]);
    expect(pasted.notes[1]).toMatchObject({ position: { x: 140, y: -60 }, width: 200, height: 100, data: { text: "Seed fixed for the report" } });
    expect(pasted.nodes.map((n) => n.id)).toContain("split-1");
  });

  it("copies no notes when none is selected", () => {
    expect(copyNodes(graph, new Set(["load"]))).not.toHaveProperty("notes");
  });
});
