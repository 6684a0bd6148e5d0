import type { Matrix } from "../types";
import { BLOCK_ROWS } from "./column-blocks";
import { addRowBlockGram, GRAM_TILE } from "./gram-tiles";
import type { BlockSums } from "./row-parts";

/** Rows per Gram block: 256 rows of 20 float32 columns (20 KB) stay in the 48 KB L1 cache while every tile pair reads them. */
const GRAM_BLOCK_ROWS = 256;

/** Ridge has one pass and nothing to ask it: its sums take no query. */
export type RidgeQuery = null;

/**
 * What the normal equations need from a range of row blocks: the design's Gram matrix over the
 * columns padded with zeros to whole tiles (width × width, upper triangle), then each column's sum,
 * then each column's dot product with the standardised target (y − yMean) / yStd.
 */
export class RidgeSums implements BlockSums<RidgeQuery> {
  readonly width: number;
  /** Rows copied with zero columns up to `width`, for a table whose columns are not whole tiles. */
  private readonly padded: Float32Array | undefined;
  /** One block's standardised target. */
  private readonly target = new Float64Array(GRAM_BLOCK_ROWS);

  constructor(
    private readonly X: Matrix,
    private readonly y: Float64Array,
    private readonly yMean: number,
    private readonly yStd: number,
  ) {
    this.width = Math.ceil(X.cols / GRAM_TILE) * GRAM_TILE;
    this.padded = this.width === X.cols ? undefined : new Float32Array(GRAM_BLOCK_ROWS * this.width);
  }

  sizeOf(): number {
    return this.width * this.width + 2 * this.X.cols;
  }

  sumBlocks(_: RidgeQuery, fromBlock: number, toBlock: number, out: Float64Array): void {
    const { X, y, yMean, yStd, target, width, padded } = this;
    const { cols, data } = X;
    out.fill(0);
    const gram = out.subarray(0, width * width);
    const sums = out.subarray(width * width, width * width + cols);
    const dots = out.subarray(width * width + cols);
    const end = Math.min(X.rows, toBlock * BLOCK_ROWS);
    for (let start = fromBlock * BLOCK_ROWS; start < end; start += GRAM_BLOCK_ROWS) {
      const blockEnd = Math.min(end, start + GRAM_BLOCK_ROWS);
      for (let r = start; r < blockEnd; r++) target[r - start] = (y[r]! - yMean) / yStd;
      // Column by column, the sums in registers; the block's rows are in cache for the strided reads.
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        let dot = 0;
        for (let r = 0, at = start * cols + c; r < blockEnd - start; r++, at += cols) {
          const value = data[at]!;
          sum += value;
          dot += value * target[r]!;
        }
        sums[c]! += sum;
        dots[c]! += dot;
      }
      if (padded === undefined) {
        addRowBlockGram(data, start, blockEnd, cols, width, gram);
      } else {
        for (let r = start; r < blockEnd; r++) for (let c = 0; c < cols; c++) padded[(r - start) * width + c] = data[r * cols + c]!;
        addRowBlockGram(padded, 0, blockEnd - start, width, width, gram);
      }
    }
  }
}
