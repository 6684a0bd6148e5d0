import { TREE_CHUNK_OPS, treeChunkHandlers, type SharedTreeMemory } from "../trees/threaded-search";
import type { SplitCriterion } from "../trees/split-criterion";
import type { ChunkHandler, WorkChannel } from "../trees/work-channel";
import type { Targets } from "../types";
import { gradientRows, type BoostingLoss } from "./losses";

/** The chunk operation that takes one part of a round's gradients (after the trees' operations); out[0] is the part's summed loss. */
const GRADIENTS_PART = TREE_CHUNK_OPS;

/** Takes part `part` of the gradients of scores `raw` into `stats` (see BoostingLoss.gradients) and returns the part's summed loss. */
function gradientsPart(loss: BoostingLoss, raw: Float64Array, y: Targets, stats: Float64Array[], countUnit: number, part: number): number {
  const [from, to] = gradientRows(y.length, part);
  return loss.gradients(raw, y, stats, from, to, countUnit);
}

/** A round's gradients on this thread alone: both parts, their losses added as the threads' are. */
export function gradientsHere(loss: BoostingLoss, raw: Float64Array, y: Targets, stats: Float64Array[], countUnit: number): () => number {
  return () => gradientsPart(loss, raw, y, stats, countUnit, 0) + gradientsPart(loss, raw, y, stats, countUnit, 1);
}

/** A round's gradients on the threads of `channel` (handlers from boostingChunkHandlers): the parts' losses added as gradientsHere adds them. */
export function gradientsOnThreads(channel: WorkChannel, handlers: readonly ChunkHandler[]): () => number {
  return () => {
    const [first, second] = channel.run(handlers, GRADIENTS_PART, []);
    return first![0]! + second![0]!;
  };
}

/** Every thread's chunk work in a boosting fit: the trees', then the rounds' gradient parts. */
export function boostingChunkHandlers(
  memory: SharedTreeMemory,
  criterion: SplitCriterion,
  loss: BoostingLoss,
  raw: Float64Array,
  y: Targets,
  countUnit: number,
): ChunkHandler[] {
  const gradients: ChunkHandler = (part, _ints, _floats, out) => {
    out[0] = gradientsPart(loss, raw, y, memory.stats, countUnit, part);
  };
  return [...treeChunkHandlers(memory, criterion), gradients];
}
