import type { RunTarget } from "@/contracts/runTarget";
import { catalog, getNode } from "@/pipeline/nodes/catalog";
import { serverOnlyReason } from "@/pipeline/spec/sideEffects";
import type { PipelineSpec } from "@/pipeline/spec/spec";

const TRAINING_STAGES = new Set(["Model", "Tune", "Ensemble"]);
const EPOCH_PARAMS = ["epochs", "maxIterations", "trees", "nEstimators", "maxTrials"];

/** Above this many row × feature × epoch units a run goes to a server worker. */
export const BROWSER_WORK_LIMIT = 50_000_000;

/** Features a text model sees are its vocabulary, not the table's columns. */
const TEXT_FEATURES = 10_000;

export interface DatasetSize {
  rows: number | null;
  columns: number;
}

function epochsOf(params: Record<string, unknown>): number {
  for (const key of EPOCH_PARAMS) {
    const value = params[key];
    if (typeof value === "number" && value > 0) return value;
  }
  return 1;
}

/**
 * rows × features × epochs summed over the nodes that train, following each one
 * back to the dataset it reads. Unknown sizes count as large, so they go to the server.
 */
export function estimateWork(spec: PipelineSpec, sizes: Record<string, DatasetSize>): number {
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const sourceOf = (nodeId: string, seen = new Set<string>()): DatasetSize | undefined => {
    const node = byId.get(nodeId);
    if (!node || seen.has(nodeId)) return undefined;
    seen.add(nodeId);
    const dataset = node.params["dataset"];
    if (typeof dataset === "string") return sizes[dataset];
    for (const input of Object.values(node.inputs)) {
      const found = sourceOf(input.node, seen);
      if (found) return found;
    }
    return undefined;
  };
  let total = 0;
  for (const node of spec.nodes) {
    if (!TRAINING_STAGES.has(getNode(node.kind)?.stage ?? "")) continue;
    const size = sourceOf(node.id);
    if (!size?.rows) return Number.POSITIVE_INFINITY;
    const features = node.kind === "text-classifier" ? TEXT_FEATURES : size.columns;
    total += size.rows * features * epochsOf(node.params);
  }
  return total;
}

export function choosePlacement(work: number): RunTarget {
  return work <= BROWSER_WORK_LIMIT ? "browser" : "server";
}

export type RunPlacement = { target: RunTarget; reason?: string } | { refused: string };

/**
 * Where one run goes: the user's choice, or Auto's by estimated work. A pipeline with a node that only a
 * server can run (Deploy writes the model registry) goes to the server under Auto, with the reason, and is
 * refused in the browser before anything is saved or started.
 */
export function placeRun(choice: "auto" | RunTarget, spec: PipelineSpec, sizes: Record<string, DatasetSize>): RunPlacement {
  const serverOnly = serverOnlyReason(spec, catalog);
  if (serverOnly !== undefined) {
    return choice === "browser"
      ? { refused: `${serverOnly}, so this pipeline cannot run in the browser: choose Server or Auto.` }
      : { target: "server", reason: serverOnly };
  }
  return { target: choice === "auto" ? choosePlacement(estimateWork(spec, sizes)) : choice };
}
