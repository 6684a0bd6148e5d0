import { z } from "zod";

export const SPEC_VERSION = 1;

export const specInputSchema = z.object({
  node: z.string().min(1).describe("Id of the upstream node"),
  output: z.string().min(1).describe("Output port of the upstream node"),
});

export const specNodeSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  version: z.number().int().positive().describe("Version of the node kind this node was written for"),
  params: z.record(z.string(), z.unknown()).describe("Params with defaults filled in"),
  inputs: z.record(z.string(), specInputSchema).describe("Input port name → upstream output"),
});

/** What runs: nodes in topological order, params complete, no UI state. */
export const pipelineSpecSchema = z.object({
  specVersion: z.literal(SPEC_VERSION),
  nodes: z.array(specNodeSchema),
});

export type SpecInput = z.infer<typeof specInputSchema>;
export type SpecNode = z.infer<typeof specNodeSchema>;
export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;
