import { SearchChannel } from "./search-channel";
import { histogramSearchInitSchema } from "./search-messages";
import { gradientCriterion } from "./split-criterion";
import { chunkSearches } from "./threaded-search";

/** The thread side of a tree's split search in feature chunks: helps the grower until it stops (see SearchChannel). */
export function histogramSearchThreadHandler(): (message: unknown) => boolean {
  return (message) => {
    const init = histogramSearchInitSchema.safeParse(message);
    if (!init.success) return false;
    const { bins, columns, rows, cols, binCounts, stats, order, channel, slots, maxSlots, bounds, l2, minHessian } = init.data;
    const criterion = gradientCriterion(l2, 1, minHessian);
    const binned = { bins, columns, rows, cols, binCounts, thresholds: [] };
    new SearchChannel(channel, criterion.channels, bounds.length - 1, stats, order).serve(chunkSearches(binned, criterion, slots, maxSlots, bounds));
    return true;
  };
}
