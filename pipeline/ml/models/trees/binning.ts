import type { Matrix } from "../types";
import { privateBuffer, type BufferSource } from "../threads/model-threads";
import { sortFloat32 } from "./sort-float32";

/** Non-missing bins per feature; 255 keeps every bin code, the missing one included, in a Uint8. */
export const MAX_BINS = 255;
/** Histogram slots per feature: every possible code. */
export const HISTOGRAM_BINS = 256;

/** Upper bin edges per feature: a value v falls in the first bin b with v <= thresholds[b], else the last bin. */
export type BinThresholds = Float64Array[];

/**
 * Bytes per row of BinnedMatrix.bins: cols rounded up to whole 32-bit words, so that a histogram
 * pass reads a row's codes four at a time (see buildGradientHistogram); the padding is never read.
 */
export function binRowBytes(cols: number): number {
  return (cols + 3) & ~3;
}

export interface BinnedMatrix {
  /** Row-major bin codes, rows × binRowBytes(cols): a histogram reads every feature of a row, one cache line. */
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

/**
 * Distinct values become their own bins (cut at midpoints) when there are at most maxBins;
 * otherwise cut points are quantiles of the column, so each bin holds about the same rows.
 */
export function fitBinThresholds(X: Matrix, maxBins: number): BinThresholds {
  return fitColumnThresholds(X, maxBins, 0, X.cols);
}

/** fitBinThresholds for columns [fromCol, toCol) only: threads fit a share of the columns each. */
export function fitColumnThresholds(X: Matrix, maxBins: number, fromCol: number, toCol: number): BinThresholds {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new Error(`maxBins must be an integer in [2, ${MAX_BINS}], got ${maxBins}`);
  }
  const thresholds: BinThresholds = [];
  const column = new Float32Array(X.rows);
  const scratch = new Float32Array(X.rows);
  const distinct = new Float64Array(maxBins + 1);
  for (let f = fromCol; f < toCol; f++) {
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

/** Buckets per cut in a BinFinder's table: enough that a bucket of evenly spread cuts holds at most one. */
const BUCKETS_PER_CUT = 4;

/**
 * Finds a value's bin (the first b with value <= cuts[b], else cuts.length) through a table over
 * equal-width buckets between the first and last cut, which says where the search starts; a
 * bucket holding many cuts (skewed columns) is searched by bisection. A branchy binary search
 * over all cuts measured 136 ms for 80,000 × 20 (a value's bin is unpredictable); this, 54 ms.
 */
class BinFinder {
  private readonly low: number;
  private readonly scale: number;
  private readonly starts: Int32Array;

  constructor(private readonly cuts: Float64Array) {
    const m = cuts.length;
    this.low = m > 0 ? cuts[0]! : 0;
    const width = m > 1 ? cuts[m - 1]! - this.low : 0;
    const buckets = m * BUCKETS_PER_CUT;
    // Cuts at ±Infinity (from infinite values) or too close together leave one bucket: plain bisection.
    this.scale = width > 0 && Number.isFinite(width) && Number.isFinite(buckets / width) ? buckets / width : 0;
    if (this.scale === 0) {
      this.starts = Int32Array.of(0, m);
      return;
    }
    this.starts = new Int32Array(buckets + 1);
    let first = 0;
    for (let k = 0; k <= buckets; k++) {
      const edge = this.low + k / this.scale;
      while (first < m && cuts[first]! < edge) first++;
      this.starts[k] = first;
    }
  }

  bin(value: number): number {
    const cuts = this.cuts;
    const m = cuts.length;
    if (m === 0 || value <= this.low) return 0;
    if (value > cuts[m - 1]!) return m;
    const k = this.scale === 0 ? 0 : Math.min(this.starts.length - 2, Math.floor((value - this.low) * this.scale));
    // The bucket's starts are hints only (rounding at its edges); the scans below make the answer exact.
    let lo = Math.max(0, this.starts[k]! - 1);
    let hi = Math.min(m, this.starts[k + 1]! + 1);
    while (hi - lo > 8) {
      const mid = (lo + hi) >>> 1;
      if (cuts[mid]! < value) lo = mid;
      else hi = mid;
    }
    let first = lo;
    while (first < m && cuts[first]! < value) first++;
    while (first > 0 && cuts[first - 1]! >= value) first--;
    return first;
  }
}

export function binMatrix(X: Matrix, thresholds: BinThresholds, allocate: BufferSource = privateBuffer): BinnedMatrix {
  const binned = emptyBinnedMatrix(X, thresholds, allocate);
  binRows(X, binned, 0, X.rows);
  return binned;
}

/** A BinnedMatrix for X's shape with every code still 0, for binRows to fill. */
export function emptyBinnedMatrix(X: Matrix, thresholds: BinThresholds, allocate: BufferSource): BinnedMatrix {
  if (thresholds.length !== X.cols) throw new Error(`Binning was fitted on ${thresholds.length} columns, got ${X.cols}`);
  const { rows, cols } = X;
  const bins = new Uint8Array(allocate(rows * binRowBytes(cols)));
  const columns = new Uint8Array(allocate(rows * cols));
  return { bins, columns, rows, cols, binCounts: Int32Array.from(thresholds, (t) => t.length + 1), thresholds };
}

/** Writes the codes of rows [fromRow, toRow) of X into `binned`, both layouts: threads bin a share of the rows each. */
export function binRows(X: Matrix, binned: Pick<BinnedMatrix, "bins" | "columns" | "thresholds">, fromRow: number, toRow: number): void {
  const { rows, cols, data } = X;
  const { bins, columns, thresholds } = binned;
  const rowBytes = binRowBytes(cols);
  const finders = thresholds.map((cuts) => new BinFinder(cuts));
  // Row by row: X and the row-major codes are read and written in order, and each column's codes too.
  for (let r = fromRow; r < toRow; r++) {
    for (let f = 0; f < cols; f++) {
      const v = data[r * cols + f]!;
      const code = v === v ? finders[f]!.bin(v) : thresholds[f]!.length + 1;
      columns[f * rows + r] = code;
      bins[r * rowBytes + f] = code;
    }
  }
}

/** The real-valued threshold for "bins 0..bin go left"; splitting after the last bin separates only missing values. */
export function thresholdAfterBin(thresholds: BinThresholds, feature: number, bin: number): number {
  const cuts = thresholds[feature]!;
  return bin < cuts.length ? cuts[bin]! : Infinity;
}
