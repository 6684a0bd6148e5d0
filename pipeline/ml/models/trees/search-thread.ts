import { SearchChannel } from "./search-channel";
import { histogramSearchInitSchema } from "./search-messages";
import { rowHalfBuilds } from "./threaded-search";

/** The thread side of building a tree's histograms in row halves: helps the grower until it stops (see SearchChannel). */
export function histogramSearchThreadHandler(): (message: unknown) => boolean {
  return (message) => {
    const init = histogramSearchInitSchema.safeParse(message);
    if (!init.success) return false;
    const { bins, columns, rows, cols, binCounts, stats, order, channel, slots, maxSlots, secondHalf } = init.data;
    const binned = { bins, columns, rows, cols, binCounts, thresholds: [] };
    new SearchChannel(channel, 3, 2, stats, order).serve(rowHalfBuilds(binned, slots, maxSlots, secondHalf));
    return true;
  };
}
