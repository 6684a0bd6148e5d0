import type { StoredGraph } from "@/contracts/storedGraph";

export const DEMO_PIPELINE_NAME = "Iris classifier";

/** Load iris → stratified split → gradient-boosted trees → evaluate on the test split. */
export const DEMO_PIPELINE_GRAPH: StoredGraph = {
  nodes: [
    { id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x: 0, y: 80 } },
    {
      id: "split",
      kind: "split",
      params: { train: 0.7, validation: 0.1, test: 0.2, seed: 42, stratify: "species" },
      position: { x: 280, y: 80 },
    },
    { id: "model", kind: "gradient-boosting", params: { target: "species" }, position: { x: 560, y: 0 } },
    { id: "evaluate", kind: "evaluate", params: { partition: "test" }, position: { x: 840, y: 80 } },
  ],
  edges: [
    { id: "e-load-split", source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
    { id: "e-split-model", source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
    { id: "e-model-evaluate", source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
    { id: "e-split-evaluate", source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
  ],
};
