import type { StoredGraph } from "@/contracts/storedGraph";
import { DEMO_PIPELINE_GRAPH } from "../projects/demoPipeline";

/**
 * The demo's iris pipeline (trained on `trainOn`, sample:iris by default) with an Uncertainty sampler sending
 * `batchSize` rows of the whole iris sample to the labeling queue `queue`: what fills a queue in tests (vitest and
 * e2e), as a real server run. Free of server imports, so Playwright specs can use it.
 */
export function samplerGraph(options: { queue: string; batchSize: number; trainOn?: string }): StoredGraph {
  // A labelled dataset starts small: no validation part, so two rows of a class are enough to split it.
  const small = { train: 0.6, validation: 0, test: 0.4, seed: 42, stratify: "species" };
  const nodes = DEMO_PIPELINE_GRAPH.nodes.map((node) => {
    if (node.id === "model") return { ...node, params: { target: "species", maxIterations: 20 } };
    if (options.trainOn === undefined) return node;
    if (node.id === "load") return { ...node, params: { dataset: options.trainOn } };
    return node.id === "split" ? { ...node, params: small } : node;
  });
  return {
    nodes: [
      ...nodes,
      { id: "pool", kind: "load", params: { dataset: "sample:iris" }, position: { x: 560, y: 240 } },
      {
        id: "sampler",
        kind: "uncertainty-sampler",
        params: { queue: options.queue, strategy: "entropy", batchSize: options.batchSize },
        position: { x: 840, y: 240 },
      },
    ],
    edges: [
      ...DEMO_PIPELINE_GRAPH.edges,
      { id: "e-model-sampler", source: "model", sourceHandle: "model", target: "sampler", targetHandle: "model" },
      { id: "e-pool-sampler", source: "pool", sourceHandle: "table", target: "sampler", targetHandle: "pool" },
    ],
  };
}
