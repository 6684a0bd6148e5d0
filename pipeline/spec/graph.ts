import { z } from "zod";

/** What the canvas edits: nodes with params and positions, edges between named ports. */
export const graphNodeSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  /** The name the user gave the node ("Churn model"); panels show it instead of the id. Not part of the spec. */
  label: z.string().trim().max(80).optional(),
});

export const graphEdgeSchema = z.object({
  id: z.string().optional(),
  source: z.string().min(1),
  sourceHandle: z.string().min(1).describe("Output port of the source node"),
  target: z.string().min(1),
  targetHandle: z.string().min(1).describe("Input port of the target node"),
});

export const graphSchema = z.object({
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema).default([]),
});

export type GraphNode = z.input<typeof graphNodeSchema>;
export type GraphEdge = z.input<typeof graphEdgeSchema>;
export type Graph = z.input<typeof graphSchema>;

/** A parsed pipeline file is a canvas graph (rather than a spec) when it has edges and no specVersion. */
export function isGraphDocument(document: unknown): boolean {
  return typeof document === "object" && document !== null && !("specVersion" in document) && "edges" in document;
}
