import type { BufferSource, ModelThread } from "../threads/model-threads";
import type { Matrix } from "../types";
import { binRows, emptyBinnedMatrix, fitColumnThresholds, type BinnedMatrix } from "./binning";
import { binningReplySchema, type BinningReply } from "./binning-messages";
import { halfway } from "./partition";

/** Sends `request` to the helper and resolves with its reply, or rejects with its error. */
function ask(helper: ModelThread, request: unknown): Promise<BinningReply> {
  return new Promise((resolve, reject) => {
    helper.onError(reject);
    helper.onMessage((message) => {
      const reply = binningReplySchema.safeParse(message);
      if (!reply.success) reject(new Error("A model thread sent an unexpected message"));
      else if (reply.data.type === "bin-error") reject(new Error(reply.data.message));
      else resolve(reply.data);
    });
    helper.postMessage(request);
  });
}

/**
 * binMatrix(X, fitBinThresholds(X, maxBins), allocate) with a helper thread taking half the work:
 * the second half of the columns' thresholds, then the second half of the rows' codes. The helper
 * reads X from shared memory (a copy in `allocate`'s, unless X already is). The result is the same, code for code.
 */
export async function binMatrixOnThreads(X: Matrix, maxBins: number, helper: ModelThread, allocate: BufferSource): Promise<BinnedMatrix> {
  const data = X.data.buffer instanceof SharedArrayBuffer ? X.data : new Float32Array(allocate(X.data.byteLength));
  if (data !== X.data) data.set(X.data);
  const table = { data, rows: X.rows, cols: X.cols };
  const middleCol = halfway(0, X.cols);
  const theirCuts = ask(helper, { type: "bin-thresholds", ...table, maxBins, fromCol: middleCol, toCol: X.cols });
  // Should our half throw first, the helper's answer goes unread rather than unhandled.
  theirCuts.catch(() => undefined);
  const ourCuts = fitColumnThresholds(X, maxBins, 0, middleCol);
  const theirs = await theirCuts;
  if (theirs.type !== "bin-thresholds-done") throw new Error("A model thread answered the wrong binning request");
  const thresholds = [...ourCuts, ...theirs.thresholds];

  const binned = emptyBinnedMatrix(X, thresholds, allocate);
  const middleRow = halfway(0, X.rows);
  const theirRows = ask(helper, { type: "bin-rows", ...table, thresholds, bins: binned.bins, columns: binned.columns, fromRow: middleRow, toRow: X.rows });
  binRows(X, binned, 0, middleRow);
  await theirRows;
  return binned;
}
