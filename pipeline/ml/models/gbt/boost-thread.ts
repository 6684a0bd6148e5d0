import { ROW_HALVES, sharedTreeMemory } from "../trees/threaded-search";
import { WorkChannel } from "../trees/work-channel";
import { boostingThreadInitSchema } from "./boost-messages";
import { boostingChunkHandlers } from "./boosting-work";
import { lossForTask } from "./losses";

/** The thread side of a boosting fit: claims its row halves (histograms, partitions, gradients) until the grower stops (see WorkChannel). */
export function boostingThreadHandler(): (message: unknown) => boolean {
  return (message) => {
    const init = boostingThreadInitSchema.safeParse(message);
    if (!init.success) return false;
    const { channel, task, raw, y } = init.data;
    const handlers = boostingChunkHandlers(sharedTreeMemory(init.data), lossForTask(task), raw, y);
    new WorkChannel(channel, ROW_HALVES).serve(handlers);
    return true;
  };
}
