import type { StoredGraph } from "@/contracts/storedGraph";
import { irisGraph } from "./runFixtures";

/**
 * The iris pipeline (trained on `trainOn`) with an Uncertainty sampler sending `batchSize` rows of the whole iris
 * sample to the labeling queue `queue`: what fills a queue in tests, as a real server run.
 */
export function samplerGraph(options: { queue: string; batchSize: number; trainOn?: string }): StoredGraph {
  const graph = irisGraph(options.trainOn === undefined ? {} : { dataset: options.trainOn });
  // A labelled dataset starts small: no validation part, so two rows of a class are enough to split it.
  const small = { train: 0.6, validation: 0, test: 0.4, seed: 42, stratify: "species" };
  return {
    nodes: [
      ...graph.nodes.map((node) => (node.id === "split" && options.trainOn !== undefined ? { ...node, params: small } : node)),
      { id: "pool", kind: "load", params: { dataset: "sample:iris" }, position: { x: 400, y: 200 } },
      {
        id: "sampler",
        kind: "uncertainty-sampler",
        params: { queue: options.queue, strategy: "entropy", batchSize: options.batchSize },
        position: { x: 800, y: 200 },
      },
    ],
    edges: [
      ...graph.edges,
      { id: "s1", source: "model", sourceHandle: "model", target: "sampler", targetHandle: "model" },
      { id: "s2", source: "pool", sourceHandle: "table", target: "sampler", targetHandle: "pool" },
    ],
  };
}
