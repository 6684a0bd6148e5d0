import type { Matrix } from "../types";

/** Missing values (NaN) of every feature land in this bin, so splits can learn where they go. */
export const MISSING_BIN = 255;
/** Non-missing bins per feature; 255 keeps every bin index in a Uint8 next to MISSING_BIN. */
export const MAX_BINS = 255;
export const HISTOGRAM_BINS = 256;

/** Upper bin edges per feature: a value v falls in the first bin b with v <= thresholds[b], else the last bin. */
export type BinThresholds = Float64Array[];

export interface BinnedMatrix {
  /** Row-major bin codes, rows × cols, one row per cache line for the gathers in histogram building. */
  bins: Uint8Array;
  rows: number;
  cols: number;
  /** Non-missing bin count per feature (thresholds.length + 1). */
  binCounts: Int32Array;
  thresholds: BinThresholds;
}

/**
 * Distinct values become their own bins (cut at midpoints) when there are at most maxBins;
 * otherwise cut points are quantiles of the column, so each bin holds about the same rows.
 */
export function fitBinThresholds(X: Matrix, maxBins: number): BinThresholds {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new Error(`maxBins must be an integer in [2, ${MAX_BINS}], got ${maxBins}`);
  }
  const thresholds: BinThresholds = [];
  const column = new Float64Array(X.rows);
  for (let f = 0; f < X.cols; f++) {
    let n = 0;
    for (let r = 0; r < X.rows; r++) {
      const v = X.data[r * X.cols + f]!;
      if (!Number.isNaN(v)) column[n++] = v;
    }
    const sorted = column.subarray(0, n).sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 1; i < distinct.length; i++) cuts.push((distinct[i - 1]! + distinct[i]!) / 2);
    } else {
      const top = distinct[distinct.length - 1]!;
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
  if (Number.isNaN(value)) return MISSING_BIN;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function binMatrix(X: Matrix, thresholds: BinThresholds): BinnedMatrix {
  if (thresholds.length !== X.cols) throw new Error(`Binning was fitted on ${thresholds.length} columns, got ${X.cols}`);
  const bins = new Uint8Array(X.rows * X.cols);
  for (let i = 0; i < bins.length; i++) bins[i] = binOf(X.data[i]!, thresholds[i % X.cols]!);
  return {
    bins,
    rows: X.rows,
    cols: X.cols,
    binCounts: Int32Array.from(thresholds, (t) => t.length + 1),
    thresholds,
  };
}

/** The real-valued threshold for "bins 0..bin go left"; splitting after the last bin separates only missing values. */
export function thresholdAfterBin(thresholds: BinThresholds, feature: number, bin: number): number {
  const cuts = thresholds[feature]!;
  return bin < cuts.length ? cuts[bin]! : Infinity;
}
