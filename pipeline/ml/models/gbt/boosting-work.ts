import { TREE_CHUNK_OPS, treeChunkHandlers, type SharedTreeMemory } from "../trees/threaded-search";
import type { ChunkHandler } from "../trees/work-channel";
import type { Targets } from "../types";
import { gradientRows, type BoostingLoss } from "./losses";

/** The chunk operation that takes one part of a round's gradients (after the trees' operations); its result is the part's summed loss. */
export const GRADIENTS_PART = TREE_CHUNK_OPS;

/** Takes part `part` of the gradients of scores `raw` into `stats` and returns the part's summed loss. */
export function gradientsPart(loss: BoostingLoss, raw: Float64Array, y: Targets, stats: Float64Array[]): ChunkHandler {
  return (part) => {
    const [from, to] = gradientRows(y.length, part);
    return loss.gradients(raw, y, stats, from, to);
  };
}

/** A round's gradients on this thread alone: both parts, their losses added as the threads' are. */
export function gradientsHere(loss: BoostingLoss, raw: Float64Array, y: Targets, stats: Float64Array[]): () => number {
  const part = gradientsPart(loss, raw, y, stats);
  const noArgs = new Int32Array(0);
  return () => part(0, noArgs) + part(1, noArgs);
}

/** Every thread's chunk work in a boosting fit: the trees', then the rounds' gradient parts. */
export function boostingChunkHandlers(memory: SharedTreeMemory, loss: BoostingLoss, raw: Float64Array, y: Targets): ChunkHandler[] {
  return [...treeChunkHandlers(memory), gradientsPart(loss, raw, y, memory.stats)];
}
