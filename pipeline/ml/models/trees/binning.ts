import type { Matrix } from "../types";
import { sortFloat32 } from "./sort-float32";

/** Non-missing bins per feature; 255 keeps every bin code, the missing one included, in a Uint8. */
export const MAX_BINS = 255;
/** Histogram slots per feature: every possible code. */
export const HISTOGRAM_BINS = 256;

/** Upper bin edges per feature: a value v falls in the first bin b with v <= thresholds[b], else the last bin. */
export type BinThresholds = Float64Array[];

export interface BinnedMatrix {
  /** Row-major bin codes, rows × cols: a histogram reads every feature of a row, one cache line. */
  bins: Uint8Array;
  /**
   * The same codes column-major (feature f of row r at columns[f * rows + r]): a partition
   * reads one feature of a node's scattered rows, and a 1-byte-per-row column stays in cache.
   */
  columns: Uint8Array;
  rows: number;
  cols: number;
  /** Non-missing bin count per feature (thresholds.length + 1); code binCounts[f] marks a missing value. */
  binCounts: Int32Array;
  thresholds: BinThresholds;
}

/** Where a buffer that threads may share comes from; plain memory unless a thread team asks for shared. */
export type BufferSource = (bytes: number) => ArrayBufferLike;
export const privateBuffer: BufferSource = (bytes) => new ArrayBuffer(bytes);

/**
 * Distinct values become their own bins (cut at midpoints) when there are at most maxBins;
 * otherwise cut points are quantiles of the column, so each bin holds about the same rows.
 */
export function fitBinThresholds(X: Matrix, maxBins: number): BinThresholds {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new Error(`maxBins must be an integer in [2, ${MAX_BINS}], got ${maxBins}`);
  }
  const thresholds: BinThresholds = [];
  const column = new Float32Array(X.rows);
  const scratch = new Float32Array(X.rows);
  const distinct = new Float64Array(maxBins + 1);
  for (let f = 0; f < X.cols; f++) {
    let n = 0;
    for (let r = 0; r < X.rows; r++) {
      const v = X.data[r * X.cols + f]!;
      if (v === v) column[n++] = v;
    }
    const sorted = sortFloat32(column.subarray(0, n), scratch.subarray(0, n));
    // Only whether there are more than maxBins distinct values matters, so counting stops there.
    let distinctCount = 0;
    for (let i = 0; i < n && distinctCount <= maxBins; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct[distinctCount++] = sorted[i]!;
    const cuts: number[] = [];
    if (distinctCount <= maxBins) {
      for (let i = 1; i < distinctCount; i++) cuts.push((distinct[i - 1]! + distinct[i]!) / 2);
    } else {
      const top = sorted[n - 1]!;
      for (let k = 1; k < maxBins; k++) {
        const v = sorted[Math.floor((k * n) / maxBins)]!;
        if (v < top && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
      }
    }
    thresholds.push(Float64Array.from(cuts));
  }
  return thresholds;
}

function binOf(value: number, cuts: Float64Array): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function binMatrix(X: Matrix, thresholds: BinThresholds, allocate: BufferSource = privateBuffer): BinnedMatrix {
  if (thresholds.length !== X.cols) throw new Error(`Binning was fitted on ${thresholds.length} columns, got ${X.cols}`);
  const { rows, cols, data } = X;
  const bins = new Uint8Array(allocate(rows * cols));
  const columns = new Uint8Array(allocate(rows * cols));
  for (let f = 0; f < cols; f++) {
    const cuts = thresholds[f]!;
    const missing = cuts.length + 1;
    const column = f * rows;
    for (let r = 0; r < rows; r++) {
      const v = data[r * cols + f]!;
      const code = v === v ? binOf(v, cuts) : missing;
      columns[column + r] = code;
      bins[r * cols + f] = code;
    }
  }
  return { bins, columns, rows, cols, binCounts: Int32Array.from(thresholds, (t) => t.length + 1), thresholds };
}

/** The real-valued threshold for "bins 0..bin go left"; splitting after the last bin separates only missing values. */
export function thresholdAfterBin(thresholds: BinThresholds, feature: number, bin: number): number {
  const cuts = thresholds[feature]!;
  return bin < cuts.length ? cuts[bin]! : Infinity;
}
