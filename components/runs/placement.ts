import type { RunTarget } from "@/contracts/runTarget";
import { catalog, getNode } from "@/pipeline/nodes/catalog";
import { serverOnlyReason } from "@/pipeline/spec/sideEffects";
import type { PipelineSpec } from "@/pipeline/spec/spec";

const TRAINING_STAGES = new Set(["Model", "Tune", "Ensemble"]);
const EPOCH_PARAMS = ["epochs", "maxIterations", "trees", "nEstimators", "maxTrials"];

/** Above this many row × feature × epoch units a run goes to a server worker. */
export const BROWSER_WORK_LIMIT = 50_000_000;

/**
 * Above this many cells (rows × columns) a dataset is read on a server worker under Auto: a run holds the
 * table several times over (loaded, split, encoded), and a tab that runs out of memory loses the page.
 * 1,000,000 × 20 goes to the server; 200,000 × 20 stays in the browser.
 */
export const BROWSER_CELL_LIMIT = 10_000_000;

/** Features a text model sees are its vocabulary, not the table's columns. */
const TEXT_FEATURES = 10_000;

export interface DatasetSize {
  rows: number | null;
  columns: number;
  /** What the user calls it, for the reason Auto gives. */
  name?: string;
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

/** The first dataset the spec reads that is too large to hold in a browser tab. */
function tooLargeForBrowser(spec: PipelineSpec, sizes: Record<string, DatasetSize>): { reference: string; size: DatasetSize } | undefined {
  for (const node of spec.nodes) {
    const reference = node.params["dataset"];
    if (typeof reference !== "string") continue;
    const size = sizes[reference];
    if (size?.rows && size.rows * size.columns > BROWSER_CELL_LIMIT) return { reference, size };
  }
  return undefined;
}

const count = new Intl.NumberFormat("en-US");

/** Auto's choice by the data's size and the estimated training work, saying why when it is the server. */
function placeAutomatically(spec: PipelineSpec, sizes: Record<string, DatasetSize>): { target: RunTarget; reason?: string } {
  const large = tooLargeForBrowser(spec, sizes);
  if (large) {
    const { reference, size } = large;
    return {
      target: "server",
      reason: `${size.name ?? reference} has ${count.format(size.rows!)} rows × ${size.columns} columns, more than a browser tab holds safely (${count.format(BROWSER_CELL_LIMIT)} cells)`,
    };
  }
  const work = estimateWork(spec, sizes);
  if (choosePlacement(work) === "browser") return { target: "browser" };
  return {
    target: "server",
    reason: Number.isFinite(work) ? "training this much data would be slow in a browser" : "the size of a dataset it reads is not known yet",
  };
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
  return choice === "auto" ? placeAutomatically(spec, sizes) : { target: choice };
}
