import { gradientCriterion } from "../trees/split-criterion";
import { HALVES, sharedTreeMemory, TREE_CHUNK_FLOATS } from "../trees/threaded-search";
import { WorkChannel } from "../trees/work-channel";
import { boostingThreadInitSchema } from "./boost-messages";
import { boostingChunkHandlers } from "./boosting-work";
import { lossForTask } from "./losses";

/** The thread side of a boosting fit: claims its halves of the work (histograms, partitions, split searches, gradients) until the grower stops (see WorkChannel). */
export function boostingThreadHandler(): (message: unknown) => boolean {
  return (message) => {
    const init = boostingThreadInitSchema.safeParse(message);
    if (!init.success) return false;
    const { channel, task, raw, y, l2Regularization, learningRate, countUnit } = init.data;
    const criterion = gradientCriterion(l2Regularization, learningRate, countUnit);
    const handlers = boostingChunkHandlers(sharedTreeMemory(init.data), criterion, lossForTask(task), raw, y, countUnit);
    new WorkChannel(channel, HALVES, TREE_CHUNK_FLOATS).serve(handlers);
    return true;
  };
}
