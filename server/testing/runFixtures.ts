import type { StoredGraph } from "@/contracts/storedGraph";
import type { Caller } from "./callers";

type Node = StoredGraph["nodes"][number];
type Edge = StoredGraph["edges"][number];

const at = (i: number) => ({ x: i * 200, y: 0 });

/** Load → stratified split → model → evaluate on iris, the shape every execution test runs. */
export function irisGraph(
  options: { model?: Omit<Node, "id" | "position">; evaluate?: Record<string, unknown>; filter?: string; dataset?: string } = {},
): StoredGraph {
  const nodes: Node[] = [
    { id: "load", kind: "load", params: { dataset: options.dataset ?? "sample:iris" }, position: at(0) },
    { id: "split", kind: "split", params: { train: 0.7, validation: 0.1, test: 0.2, seed: 42, stratify: "species" }, position: at(2) },
    { id: "model", ...(options.model ?? { kind: "gradient-boosting", params: { target: "species", maxIterations: 20 } }), position: at(3) },
    { id: "evaluate", kind: "evaluate", params: { partition: "test", ...options.evaluate }, position: at(4) },
  ];
  const edges: Edge[] = [
    { id: "e1", source: "load", sourceHandle: "table", target: "split", targetHandle: "table" },
    { id: "e2", source: "split", sourceHandle: "split", target: "model", targetHandle: "data" },
    { id: "e3", source: "model", sourceHandle: "model", target: "evaluate", targetHandle: "model" },
    { id: "e4", source: "split", sourceHandle: "split", target: "evaluate", targetHandle: "data" },
  ];
  if (options.filter !== undefined) {
    nodes.splice(1, 0, { id: "filter", kind: "filter-rows", params: { expression: options.filter }, position: at(1) });
    edges[0] = { id: "e0", source: "load", sourceHandle: "table", target: "filter", targetHandle: "table" };
    edges.push({ id: "e5", source: "filter", sourceHandle: "table", target: "split", targetHandle: "table" });
  }
  return { nodes, edges };
}

/** Saves `graph` as the next version of `pipelineId` (creating the pipeline when no id is given). */
export async function saveGraph(caller: Caller, projectId: string, graph: StoredGraph, pipelineId?: string) {
  const id = pipelineId ?? (await caller.pipeline.create({ projectId, name: `Pipeline ${Math.random().toString(36).slice(2, 8)}` })).id;
  const latest = (await caller.pipeline.versions({ projectId, pipelineId: id }))[0];
  const version = await caller.pipeline.saveVersion({ projectId, pipelineId: id, graph, message: "test", baseVersionId: latest?.id ?? null });
  if (!version.compiled) throw new Error(`Graph did not compile: ${JSON.stringify(version.diagnostics)}`);
  return { pipelineId: id, versionId: version.id };
}
