import { describe, expect, it } from "vitest";
import { storedGraphSchema } from "@/contracts/storedGraph";
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
});
