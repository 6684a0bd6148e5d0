import { describe, expect, it } from "vitest";
import { MAX_CANVAS_NOTES, MAX_NOTE_TEXT, storedGraphSchema } from "@/contracts/storedGraph";
import { compileGraph } from "@/pipeline/compiler/compile";
import { catalog } from "@/pipeline/nodes/catalog";
import { nodeDisplayName, toFlow, toStored } from "./flowGraph";

describe("flow graph", () => {
  it("keeps a node's label through the canvas and back, and leaves it out when unnamed", () => {
    const stored = storedGraphSchema.parse({
      nodes: [
        { id: "evaluate-1", kind: "evaluate", params: {}, position: { x: 0, y: 0 }, label: "Test accuracy" },
        { id: "evaluate-2", kind: "evaluate", params: {}, position: { x: 10, y: 0 } },
      ],
      edges: [],
    });
    const back = toStored(toFlow(stored));
    expect(back.nodes[0]).toMatchObject({ id: "evaluate-1", label: "Test accuracy" });
    expect(back.nodes[1]).not.toHaveProperty("label");
  });

  it("refuses labels longer than 80 characters", () => {
    const node = { id: "a", kind: "evaluate", params: {}, position: { x: 0, y: 0 }, label: "x".repeat(81) };
    expect(storedGraphSchema.safeParse({ nodes: [node], edges: [] }).success).toBe(false);
  });

  it("names a node by its label, else by its kind's title and id", () => {
    expect(nodeDisplayName({ id: "evaluate-2", kind: "evaluate", label: "Holdout" }, "Evaluate")).toBe("Holdout");
    expect(nodeDisplayName({ id: "evaluate-2", kind: "evaluate" }, "Evaluate")).toBe("Evaluate (evaluate-2)");
  });

  it("keeps notes through the canvas and back, apart from the pipeline's nodes", () => {
    const stored = storedGraphSchema.parse({
      nodes: [{ id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x: 0, y: 0 } }],
      edges: [],
      notes: [
        { id: "note-1", text: "Why we drop petal width", position: { x: 5, y: -80 }, size: { width: 240, height: 140 }, color: "blue" },
        { id: "note-2", text: "", position: { x: 300, y: 0 } },
      ],
    });
    const flow = toFlow(stored);
    expect(flow.nodes.map((n) => n.id)).toEqual(["load"]);
    expect(flow.notes.map((n) => [n.id, n.type, n.width, n.height])).toEqual([
      ["note-1", "note", 240, 140],
      ["note-2", "note", undefined, undefined],
    ]);
    expect(toStored(flow)).toEqual(stored);
  });

  it("leaves `notes` out of a graph without notes, so older documents stay byte-for-byte the same", () => {
    const stored = storedGraphSchema.parse({ nodes: [{ id: "load", kind: "load", params: {}, position: { x: 0, y: 0 } }], edges: [] });
    expect(toStored(toFlow(stored))).not.toHaveProperty("notes");
  });

  it("never compiles notes into the pipeline", () => {
    const withNotes = { nodes: [{ id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x: 0, y: 0 } }], edges: [] };
    const plain = compileGraph(withNotes, catalog);
    const noted = compileGraph({ ...withNotes, notes: [{ id: "note-1", text: "hello", position: { x: 0, y: 0 } }] }, catalog);
    expect(noted).toEqual(plain);
  });

  it("limits a note's text, the number of notes, and refuses a note whose id a node or another note has", () => {
    const node = { id: "load", kind: "load", params: {}, position: { x: 0, y: 0 } };
    const note = (id: string, text = "") => ({ id, text, position: { x: 0, y: 0 } });
    expect(storedGraphSchema.safeParse({ nodes: [node], edges: [], notes: [note("note-1", "x".repeat(MAX_NOTE_TEXT))] }).success).toBe(true);
    expect(storedGraphSchema.safeParse({ nodes: [node], edges: [], notes: [note("note-1", "x".repeat(MAX_NOTE_TEXT + 1))] }).success).toBe(false);
    const many = Array.from({ length: MAX_CANVAS_NOTES + 1 }, (_, i) => note(`note-${i}`));
    expect(storedGraphSchema.safeParse({ nodes: [node], edges: [], notes: many.slice(0, -1) }).success).toBe(true);
    expect(storedGraphSchema.safeParse({ nodes: [node], edges: [], notes: many }).success).toBe(false);
    expect(storedGraphSchema.safeParse({ nodes: [node], edges: [], notes: [note("load")] }).success).toBe(false);
    expect(storedGraphSchema.safeParse({ nodes: [node], edges: [], notes: [note("note-1"), note("note-1")] }).success).toBe(false);
  });
});
