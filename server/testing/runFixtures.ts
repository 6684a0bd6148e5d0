import type { StoredGraph } from "@/contracts/storedGraph";
import type { ServerWorker } from "@/server/worker/serverWorker";
import type { Caller } from "./callers";
import { drainQueue } from "./testWorker";

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

/** One iris flower of each species, in the order setosa, versicolor, virginica: the rows a deployed iris model is asked about. */
export const IRIS_ROWS = [
  { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 },
  { sepal_length_cm: 7.0, sepal_width_cm: 3.2, petal_length_cm: 4.7, petal_width_cm: 1.4 },
  { sepal_length_cm: 6.3, sepal_width_cm: 3.3, petal_length_cm: 6.0, petal_width_cm: 2.5 },
];

/** `graph` with petal_width_cm dropped right after loading: a model whose endpoint takes different inputs. */
export function withoutPetalWidth(graph: StoredGraph = irisGraph()): StoredGraph {
  return {
    nodes: [...graph.nodes, { id: "drop", kind: "drop-columns", params: { columns: ["petal_width_cm"] }, position: { x: 100, y: 200 } }],
    edges: [
      { id: "e-drop", source: "load", sourceHandle: "table", target: "drop", targetHandle: "table" },
      ...graph.edges.map((edge) => (edge.source === "load" ? { ...edge, source: "drop" } : edge)),
    ],
  };
}

/** Saves `graph` as the next version of `pipelineId` (creating the pipeline when no id is given). */
export async function saveGraph(caller: Caller, projectId: string, graph: StoredGraph, pipelineId?: string) {
  const id = pipelineId ?? (await caller.pipeline.create({ projectId, name: `Pipeline ${Math.random().toString(36).slice(2, 8)}` })).id;
  const latest = (await caller.pipeline.versions({ projectId, pipelineId: id }))[0];
  const version = await caller.pipeline.saveVersion({ projectId, pipelineId: id, graph, message: "test", baseVersionId: latest?.id ?? null });
  if (!version.compiled) throw new Error(`Graph did not compile: ${JSON.stringify(version.diagnostics)}`);
  return { pipelineId: id, versionId: version.id };
}

/** Runs the latest version of `pipelineId` on `worker` and returns the run and the Model artifact of its "model" node. */
export async function trainModel(caller: Caller, worker: ServerWorker, projectId: string, pipelineId: string) {
  const { runId } = await caller.run.start({ projectId, pipelineId, target: "server" });
  await drainQueue(worker);
  const run = await caller.run.get({ projectId, runId });
  // Said here, so a failed training reads as such rather than as a missing artifact further on.
  if (run.status !== "succeeded") throw new Error(`Training run ${runId} ended ${run.status}: ${JSON.stringify(run.error)}`);
  const artifactId = run.steps.find((s) => s.nodeId === "model")!.artifacts.find((a) => a.portType === "Model")!.id;
  return { runId, artifactId };
}

/** Saves `graph` (see saveGraph) and trains it: the pipeline it was saved to and the trained model's artifact. */
export async function trainGraph(caller: Caller, worker: ServerWorker, projectId: string, graph: StoredGraph, pipelineId?: string) {
  const saved = await saveGraph(caller, projectId, graph, pipelineId);
  const { artifactId } = await trainModel(caller, worker, projectId, saved.pipelineId);
  return { pipelineId: saved.pipelineId, artifactId };
}
