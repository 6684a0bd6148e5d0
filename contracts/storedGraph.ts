import { z } from "zod";
import { graphSchema } from "@/pipeline/spec/graph";

/** Limits keep one request from storing an unbounded document. */
export const MAX_GRAPH_NODES = 2000;

/** A canvas graph as stored: the engine's graph with positions required. */
export const storedGraphSchema = graphSchema.extend({
  nodes: z
    .array(
      graphSchema.shape.nodes.element.extend({
        position: z.object({ x: z.number().finite(), y: z.number().finite() }),
      }),
    )
    .max(MAX_GRAPH_NODES, { message: `A pipeline can have at most ${MAX_GRAPH_NODES} nodes.` }),
});

export type StoredGraph = z.output<typeof storedGraphSchema>;

export const EMPTY_GRAPH: StoredGraph = { nodes: [], edges: [] };

export function parseStoredGraph(json: string): StoredGraph {
  return storedGraphSchema.parse(JSON.parse(json));
}
