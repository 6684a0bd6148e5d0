import type { StoredGraph } from "@/contracts/storedGraph";

const CLEAN_KINDS = ["drop-duplicates", "impute", "scale", "drop-missing"] as const;

/**
 * A realistic large pipeline: one iris Load feeding `branches` parallel cleaning
 * chains, each ending in a split → model → evaluate, so the compiler propagates
 * schemas through every node and checks column params on the model nodes. A last
 * cleaning chain pads the graph to exactly `nodeCount` nodes.
 */
export function generatedGraph(nodeCount: number): StoredGraph {
  const nodes: StoredGraph["nodes"] = [{ id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x: 0, y: 0 } }];
  const edges: StoredGraph["edges"] = [];
  const chainLength = 7;
  const tail = 3;
  let branch = 0;
  while (nodes.length + chainLength + tail <= nodeCount) {
    let previous = { id: "load", port: "table" };
    for (let step = 0; step < chainLength; step += 1) {
      const id = `b${branch}-c${step}`;
      nodes.push({ id, kind: CLEAN_KINDS[step % CLEAN_KINDS.length]!, params: {}, position: { x: 260 * (step + 1), y: 160 * branch } });
      edges.push({ source: previous.id, sourceHandle: previous.port, target: id, targetHandle: "table" });
      previous = { id, port: "table" };
    }
    const split = `b${branch}-split`;
    const model = `b${branch}-model`;
    const evaluate = `b${branch}-evaluate`;
    nodes.push(
      { id: split, kind: "split", params: { stratify: "species", seed: branch }, position: { x: 260 * 8, y: 160 * branch } },
      { id: model, kind: "gradient-boosting", params: { target: "species" }, position: { x: 260 * 9, y: 160 * branch } },
      { id: evaluate, kind: "evaluate", params: {}, position: { x: 260 * 10, y: 160 * branch } },
    );
    edges.push(
      { source: previous.id, sourceHandle: previous.port, target: split, targetHandle: "table" },
      { source: split, sourceHandle: "split", target: model, targetHandle: "data" },
      { source: model, sourceHandle: "model", target: evaluate, targetHandle: "model" },
      { source: split, sourceHandle: "split", target: evaluate, targetHandle: "data" },
    );
    branch += 1;
  }
  let previous = "load";
  for (let extra = 0; nodes.length < nodeCount; extra += 1) {
    const id = `extra-${extra}`;
    nodes.push({ id, kind: CLEAN_KINDS[extra % CLEAN_KINDS.length]!, params: {}, position: { x: 260 * (extra + 1), y: 160 * branch } });
    edges.push({ source: previous, sourceHandle: "table", target: id, targetHandle: "table" });
    previous = id;
  }
  return { nodes, edges };
}
