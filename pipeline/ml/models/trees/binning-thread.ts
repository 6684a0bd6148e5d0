import { binRows, fitColumnThresholds } from "./binning";
import { binRowsRequestSchema, binThresholdsRequestSchema, type BinningReply } from "./binning-messages";

/** The thread side of binning a table on threads (see binMatrixOnThreads): a share of the columns' thresholds, then a share of the rows' codes. */
export function binningThreadHandler(post: (reply: BinningReply, transfer: Transferable[]) => void): (message: unknown) => boolean {
  const answer = (work: () => BinningReply) => {
    try {
      post(work(), []);
    } catch (error) {
      post({ type: "bin-error", message: error instanceof Error ? error.message : String(error) }, []);
    }
    return true;
  };
  return (message) => {
    const thresholds = binThresholdsRequestSchema.safeParse(message);
    if (thresholds.success) {
      const { data, rows, cols, maxBins, fromCol, toCol } = thresholds.data;
      return answer(() => ({ type: "bin-thresholds-done", thresholds: fitColumnThresholds({ data, rows, cols }, maxBins, fromCol, toCol) }));
    }
    const codes = binRowsRequestSchema.safeParse(message);
    if (!codes.success) return false;
    const { data, rows, cols, thresholds: cuts, bins, columns, fromRow, toRow } = codes.data;
    return answer(() => {
      binRows({ data, rows, cols }, { bins, columns, thresholds: cuts }, fromRow, toRow);
      return { type: "bin-rows-done" };
    });
  };
}
